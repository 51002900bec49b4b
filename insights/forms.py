from django import forms
from django.utils.translation import gettext_lazy as _

from insights.models import Gap, ValueStory


class ValueStoryForm(forms.ModelForm):
    class Meta:
        model = ValueStory
        fields = ["what_happened", "what_changed", "kind", "link"]
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "what_changed": forms.Textarea(attrs={"rows": 3}),
            "kind": forms.RadioSelect,
        }
        help_texts = {
            "link": _("The address of a thread, asset or meeting in this community, if any."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ValueStory.Kind.choices  # no empty "------" option


class GapForm(forms.ModelForm):
    class Meta:
        model = Gap
        fields = ["title", "description", "source_url"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "title": _("For example: “we lack a good approach to marking group work online”."),
            "source_url": _("The address of the thread where it came up, if any."),
        }


class GapUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Gap.Status.choices)
    filled_by = forms.CharField(
        label=_("Threads or assets that fill it (one address a line)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

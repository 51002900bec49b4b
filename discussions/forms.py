from django import forms
from django.utils.translation import gettext_lazy as _

from discussions.models import Behaviour
from discussions.models.behaviour import EXAMPLE_MAX
from discussions.models.thread import BODY_MAX, TITLE_MAX


class BehaviourChoiceField(forms.ModelMultipleChoiceField):
    """Each choice shows the behaviour's name and its plain-words explanation."""

    def label_from_instance(self, obj: Behaviour) -> str:
        return f"{obj.name} — {obj.explanation}"


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    behaviours = BehaviourChoiceField(
        label=_("What kind of conversation is this?"),
        queryset=Behaviour.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pick one or more. It helps the right people find it and answer."),
        error_messages={"required": _("Choose at least one behaviour that fits.")},
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown works: **bold**, _italic_, lists, [links](https://…)."),
    )
    tags = forms.CharField(
        label=_("Tags (optional)"),
        required=False,
        max_length=400,
        help_text=_("Separate with commas, e.g. assessment, year 9, online quizzes."),
    )
    members_only = forms.BooleanField(
        label=_("Members only: hide this thread from people outside the community"),
        required=False,
    )

    def __init__(self, *args, behaviours, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["behaviours"].queryset = Behaviour.objects.filter(
            pk__in=[b.pk for b in behaviours]
        )
        if not community.is_public:
            del self.fields["members_only"]

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown works. Be specific: what you tried, what happened."),
    )


class EditPostForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 10})
    )


class BehaviourExamplesForm(forms.Form):
    """One text box per behaviour the community uses; an empty one shows the standard."""

    def __init__(self, *args, behaviours, **kwargs):
        super().__init__(*args, **kwargs)
        self.behaviours = behaviours
        for behaviour in behaviours:
            self.fields[behaviour.code] = forms.CharField(
                label=behaviour.name,
                required=False,
                max_length=EXAMPLE_MAX,
                initial=behaviour.own_example or "",
                widget=forms.Textarea(attrs={"rows": 2, "placeholder": behaviour.example}),
                help_text=_("%(explanation)s Left empty, the form shows: “%(standard)s”")
                % {"explanation": behaviour.explanation, "standard": behaviour.example},
            )

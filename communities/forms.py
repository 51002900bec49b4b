from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community, Gap, ValueStory
from communities.models.choices import Level, Role


class CommunityForm(forms.ModelForm):
    class Meta:
        model = Community
        fields = [
            "name",
            "slug",
            "tagline",
            "concern",
            "audience",
            "ways_of_working",
            "visibility",
            "join_policy",
            "stage",
        ]
        widgets = {
            "concern": forms.Textarea(attrs={"rows": 4}),
            "audience": forms.Textarea(attrs={"rows": 3}),
            "ways_of_working": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
            "join_policy": forms.RadioSelect,
        }
        help_texts = {
            "slug": _(
                "Used in the address /c/<web address>/. Lowercase letters, numbers, hyphens."
            ),
            "concern": _("The shared concern or passion that brings people together."),
            "audience": _("Which practitioners will find this community useful."),
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        if editing:
            # The address is stable once people have bookmarked it.
            del self.fields["slug"]

    def validate_unique(self):
        # The service checks names and slugs with friendlier messages.
        pass


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A note to the gardeners (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)
    message = forms.CharField(
        label=_("Personal note (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class LevelOverrideForm(forms.Form):
    level = forms.ChoiceField(label=_("Participation level"), choices=Level.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300)


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


class GuestInvitationForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"), max_length=254)
    days = forms.IntegerField(
        label=_("Access lasts (days)"),
        min_value=1,
        max_value=180,
        initial=30,
        help_text=_("You can end it sooner from the community's People page."),
    )
    message = forms.CharField(
        label=_("A note to them (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say why their view would help this conversation."),
    )

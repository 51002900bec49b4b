from django import forms
from django.utils.translation import gettext_lazy as _

from communities.models import Community
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

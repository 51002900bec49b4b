"""Forms read the input; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import TIMEZONE_CHOICES
from communities.forms import CommunityForm
from communities.models.choices import Visibility
from proposals.models import NOTE_MAX, Proposal, Supporter
from rhythm.models import MeetingKind
from rhythm.recurrence import Pattern
from rhythm.services import MeetingDetails


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "domain", "audience", "why_now", "visibility"]
        widgets = {
            "domain": forms.Textarea(attrs={"rows": 5}),
            "audience": forms.Textarea(attrs={"rows": 3}),
            "why_now": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "title": _("The community's name if it launches; you can change it then."),
            "domain": _(
                "The shared concern or passion that would bring people together. "
                "Markdown: **bold**, lists, links."
            ),
            "audience": _("Which practitioners would find it useful."),
            "why_now": _("What makes this the moment to start it (optional)."),
            "visibility": _(
                "Who will see the community once it launches. The proposal itself is "
                "public while it gathers people."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = Visibility.choices  # no empty "------" option


class SupportForm(forms.Form):
    role = forms.ChoiceField(choices=Supporter.Role.choices)
    note = forms.CharField(
        label=_("A one-line note (optional)"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("For example: “I run a similar group in Leeds”."),
    )


class LaunchForm(CommunityForm):
    """The community's address and join policy, checked like starting any community,
    and optionally a launch meeting."""

    day = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=TIMEZONE_CHOICES, initial="UTC")
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.CharField(
        label=_("Online link"),
        max_length=500,
        required=False,
        help_text=_("A video call address starting with https://"),
    )

    MEETING_FIELDS = ("day", "start_time", "end_time", "timezone", "place", "online_url")

    class Meta(CommunityForm.Meta):
        fields = ["name", "slug", "join_policy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = True

    def clean(self):
        cleaned = super().clean()
        times = [cleaned.get(name) for name in ("day", "start_time", "end_time")]
        if any(times) and not all(times):
            for name, value in zip(("day", "start_time", "end_time"), times, strict=True):
                if not value and name not in self.errors:
                    self.add_error(
                        name, _("Give the date, start and end of the launch, or none of them.")
                    )
        return cleaned

    def community_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "slug", "join_policy")}

    def launch_meeting(self) -> MeetingDetails | None:
        data = self.cleaned_data
        if not data.get("day"):
            return None
        return MeetingDetails(
            title=str(_("Launch of %(name)s") % {"name": data["name"]})[:160],
            kind=MeetingKind.LAUNCH,
            day=data["day"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            timezone=data["timezone"],
            pattern=Pattern.ONE_OFF,
            place=data["place"],
            online_url=data["online_url"],
        )

"""Forms for meetings. They read the input; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import TIMEZONE_CHOICES
from rhythm.models import MeetingKind, ReminderOffset, Rsvp
from rhythm.recurrence import Pattern
from rhythm.services import MeetingDetails

PATTERN_CHOICES = [
    (Pattern.ONE_OFF, _("Once")),
    (Pattern.WEEKLY, _("Every week")),
    (Pattern.FORTNIGHTLY, _("Every other week")),
    (Pattern.MONTHLY_NTH_WEEKDAY, _("Monthly, on the same weekday (e.g. the 2nd Tuesday)")),
    (Pattern.ADVANCED, _("Advanced: my own recurrence rule")),
]


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    day = forms.DateField(
        label=_("Date (of the first meeting)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=TIMEZONE_CHOICES,
        help_text=_("Times repeat in this zone, so the meeting keeps its hour when clocks change."),
    )
    pattern = forms.ChoiceField(
        label=_("Repeats"), choices=PATTERN_CHOICES, widget=forms.RadioSelect, initial="once"
    )
    advanced_rule = forms.CharField(
        label=_("Recurrence rule (advanced)"),
        max_length=300,
        required=False,
        help_text=_("An RFC 5545 rule, e.g. FREQ=MONTHLY;BYDAY=-1FR (the last Friday)."),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.CharField(
        label=_("Online link"),
        max_length=500,
        required=False,
        help_text=_("A video call address starting with https://"),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown: **bold**, lists, links."),
    )
    members_only = forms.BooleanField(
        label=_("Members only (left out of the public calendar)"), required=False
    )

    def details(self) -> MeetingDetails:
        return MeetingDetails(**self.cleaned_data)


class MoveForm(forms.Form):
    prefix = "move"  # shares a page with CancelForm: keep their field ids apart
    day = forms.DateField(label=_("New date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(
        label=_("New start time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    note = forms.CharField(label=_("Note for members"), max_length=300, required=False)


class CancelForm(forms.Form):
    prefix = "cancel"
    note = forms.CharField(label=_("Why (shown to members)"), max_length=300, required=False)


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(choices=Rsvp.Answer.choices)


class AttendanceForm(forms.Form):
    attendees = forms.TypedMultipleChoiceField(
        label=_("Who came"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    notes_url = forms.CharField(
        label=_("Link to the notes or a thread"), max_length=500, required=False
    )

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].choices = [(p.pk, p.name) for p in people]


class ReminderForm(forms.Form):
    offsets = forms.TypedMultipleChoiceField(
        label=_("Remind me"),
        choices=ReminderOffset.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none to turn meeting reminders off."),
    )

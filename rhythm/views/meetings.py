"""Meetings pages: the list, one meeting, one occurrence, RSVP, the gardeners' tools."""

from datetime import datetime, timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import permissions
from communities.models import GuestPass, Membership
from communities.services import guests
from communities.views.community import header_context
from communities.views.guests import invite_guest_page
from core.errors import ActionError, report_error
from rhythm import calendars, occurrences, recurrence, services
from rhythm import permissions as meeting_permissions
from rhythm.forms import AttendanceForm, CancelForm, MeetingForm, MoveForm, RsvpForm
from rhythm.models import MeetingKind, MeetingSeries

ICS_TYPE = "text/calendar; charset=utf-8"


def _community(request, slug):
    return permissions.get_visible_community_or_404(request.user, slug)


def _meeting_community(request, slug, meeting_id):
    # A guest of this one meeting may open it where the community is closed to them.
    return meeting_permissions.get_community_for_meeting_or_404(request.user, slug, meeting_id)


def _series(request, community, meeting_id) -> MeetingSeries:
    series = (
        MeetingSeries.objects.filter(pk=meeting_id, community=community)
        .select_related("community")
        .first()
    )
    if series is None or not meeting_permissions.can_view_meeting(request.user, series):
        raise Http404(_("No such meeting."))
    return series


def _start(series, value: str) -> datetime:
    when = occurrences.parse_stamp(value)
    if when is None or not recurrence.is_occurrence(series, when):
        raise Http404(_("The meeting has no occurrence at that time."))
    return when


def _occurrence_url(series, when: datetime) -> str:
    return reverse(
        "rhythm:occurrence",
        kwargs={
            "slug": series.community.slug,
            "meeting_id": series.pk,
            "stamp": occurrences.stamp(when),
        },
    )


def meetings(request, slug):
    community = _community(request, slug)
    visible = occurrences.visible_series(request.user, community)
    return render(
        request,
        "rhythm/list.html",
        {
            **header_context(request, community),
            # A few of each series, so a weekly meeting does not crowd out a launch.
            "upcoming": occurrences.upcoming(visible, viewer=request.user, limit=12, per_series=3),
            "past": occurrences.past(visible, viewer=request.user, limit=10),
            "can_create": meeting_permissions.can_create_meeting(request.user, community),
            "is_member": permissions.is_member(request.user, community),
        },
    )


def _prefill(request, community) -> dict:
    """A meeting proposed from elsewhere (e.g. a thread): kind, title and a link back.

    The time zone is the one the community already meets in, else the gardener's own.
    """
    usual = (
        MeetingSeries.objects.filter(community=community)
        .order_by("-created_at")
        .values_list("timezone", flat=True)
        .first()
    )
    initial = {
        "pattern": recurrence.Pattern.ONE_OFF,
        "timezone": usual or request.user.timezone,
    }
    kind = request.GET.get("kind", "")
    if kind in MeetingKind.values:
        initial["kind"] = kind
    title = request.GET.get("title", "")[:160]
    if title:
        initial["title"] = title
    back = request.GET.get("thread", "")
    # Only a link to a page of this site, never an address someone slipped in.
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        initial["agenda"] = _("Proposed in the thread [%(title)s](%(url)s).") % {
            "title": title or _("the thread"),
            "url": back,
        }
    return initial


@login_required
def meeting_new(request, slug):
    community = _community(request, slug)
    if not meeting_permissions.can_create_meeting(request.user, community):
        messages.error(request, _("Only the community's gardeners schedule meetings."))
        return redirect("rhythm:meetings", slug=community.slug)
    form = MeetingForm(request.POST or None, initial=_prefill(request, community))
    if request.method == "POST" and form.is_valid():
        try:
            series = services.create_meeting(
                author=request.user, community=community, details=form.details()
            )
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect(series)
    return render(
        request,
        "rhythm/form.html",
        {**header_context(request, community), "form": form, "series": None},
        status=400 if form.errors else 200,
    )


@login_required
def meeting_edit(request, slug, meeting_id):
    community = _community(request, slug)
    series = _series(request, community, meeting_id)
    if not meeting_permissions.can_edit_meeting(request.user, series):
        raise Http404(_("No such meeting."))
    local = recurrence.local_start_of(series)
    initial = {
        "title": series.title,
        "kind": series.kind,
        "day": local.date(),
        "start_time": local.time(),
        "end_time": (local + series_duration(series)).time(),
        "timezone": series.timezone,
        "pattern": _pattern_of(series, local),
        "advanced_rule": series.rrule,
        "place": series.place,
        "online_url": series.online_url,
        "agenda": series.agenda,
        "members_only": series.members_only,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(editor=request.user, series=series, details=form.details())
        except ActionError as error:
            report_error(request, error, form)
        else:
            messages.success(request, _("The meeting is updated."))
            return redirect(series)
    return render(
        request,
        "rhythm/form.html",
        {**header_context(request, community), "form": form, "series": series},
        status=400 if form.errors else 200,
    )


def series_duration(series) -> timedelta:
    return timedelta(minutes=series.duration_minutes)


def meeting(request, slug, meeting_id):
    community = _meeting_community(request, slug, meeting_id)
    series = _series(request, community, meeting_id)
    upcoming, past = occurrences.series_occurrences(series, viewer=request.user)
    return render(
        request,
        "rhythm/detail.html",
        {
            **header_context(request, community),
            "series": series,
            "upcoming": upcoming,
            "past": past,
            "can_edit": meeting_permissions.can_edit_meeting(request.user, series),
            "can_rsvp": meeting_permissions.can_rsvp_to_meeting(request.user, series),
            "can_invite_guests": permissions.can_invite_guests(request.user, community),
            "guest_view": not permissions.can_view_community(request.user, community),
            "rule": describe_rule(series),
        },
    )


def _pattern_of(series, local) -> str:
    """The form's pattern that writes this series' rule, so editing shows "every other week"."""
    if not series.rrule:
        return recurrence.Pattern.ONE_OFF
    for pattern in (
        recurrence.Pattern.WEEKLY,
        recurrence.Pattern.FORTNIGHTLY,
        recurrence.Pattern.MONTHLY_NTH_WEEKDAY,
    ):
        if series.rrule == recurrence.rule_for_pattern(pattern, local):
            return pattern
    return recurrence.Pattern.ADVANCED


def describe_rule(series) -> str:
    local = recurrence.local_start_of(series)
    for pattern, label in (
        (recurrence.Pattern.WEEKLY, _("Every week")),
        (recurrence.Pattern.FORTNIGHTLY, _("Every other week")),
        (recurrence.Pattern.MONTHLY_NTH_WEEKDAY, _("Monthly, on the same weekday")),
    ):
        if series.rrule == recurrence.rule_for_pattern(pattern, local):
            return label
    return series.rrule


def occurrence(request, slug, meeting_id, stamp):
    community = _meeting_community(request, slug, meeting_id)
    series = _series(request, community, meeting_id)
    when = _start(series, stamp)
    item = occurrences.one(series, when, viewer=request.user)
    can_edit = meeting_permissions.can_edit_meeting(request.user, series)
    context = {
        **header_context(request, community),
        "series": series,
        "occurrence": item,
        "can_edit": can_edit,
        "can_rsvp": meeting_permissions.can_rsvp_to_meeting(request.user, series),
        "guest_view": not permissions.can_view_community(request.user, community),
        "answers": [],
    }
    # Names are for members; everyone else sees how many are coming.
    if item.row is not None and context["can_rsvp"]:
        context["answers"] = list(
            item.row.rsvps.select_related("user").order_by("answer", "user__display_name")
        )
    if can_edit:
        local = item.start.astimezone(recurrence.zone(series.timezone))
        context["move_form"] = MoveForm(initial={"day": local.date(), "start_time": local.time()})
        context["cancel_form"] = CancelForm()
        if item.is_past and not item.is_cancelled:
            people = [
                m.user
                for m in Membership.objects.filter(community=community)
                .select_related("user")
                .order_by("user__display_name", "user__username")
            ]
            attended = (
                list(item.row.attendances.values_list("user_id", flat=True)) if item.row else []
            )
            context["attendance_form"] = AttendanceForm(
                people=people, initial={"attendees": attended, "notes_url": item.notes_url}
            )
    return render(request, "rhythm/occurrence.html", context)


@require_POST
def rsvp(request, slug, meeting_id, stamp):
    community = _meeting_community(request, slug, meeting_id)
    series = _series(request, community, meeting_id)
    when = _start(series, stamp)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={_occurrence_url(series, when)}")
    form = RsvpForm(request.POST)
    status = 200
    try:
        if not form.is_valid():
            raise ActionError(_("Answer going, maybe or not going."))
        services.rsvp_to_meeting(
            user=request.user,
            series=series,
            original_start=when,
            answer=form.cleaned_data["answer"],
        )
    except ActionError as error:
        if error.status == 404:
            raise Http404(error.message) from None
        status = error.status
        if not request.htmx:
            messages.error(request, error.message)
            return redirect(_occurrence_url(series, when))
        message = error.message
    else:
        message = _("Thanks, your answer is saved.")
        if not request.htmx:
            messages.success(request, message)
    if request.htmx:
        item = occurrences.one(series, when, viewer=request.user)
        return render(
            request,
            "rhythm/_partials/rsvp.html",
            {
                "occurrence": item,
                "can_rsvp": True,
                "rsvp_message": message,
                "rsvp_failed": status != 200,
            },
            status=status,
        )
    if request.POST.get("next_page") == "series":
        return redirect(series)
    return redirect(_occurrence_url(series, when))


def _gardener_action(request, slug, meeting_id, stamp):
    community = _community(request, slug)
    series = _series(request, community, meeting_id)
    if not meeting_permissions.can_edit_meeting(request.user, series):
        raise Http404(_("No such meeting."))
    return series, _start(series, stamp)


@login_required
@require_POST
def cancel(request, slug, meeting_id, stamp):
    series, when = _gardener_action(request, slug, meeting_id, stamp)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the note under 300 characters."))
        return redirect(_occurrence_url(series, when))
    try:
        services.cancel_occurrence(
            editor=request.user, series=series, original_start=when, note=form.cleaned_data["note"]
        )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("This meeting is cancelled. Members see it, with your note."))
    return redirect(_occurrence_url(series, when))


@login_required
@require_POST
def move(request, slug, meeting_id, stamp):
    series, when = _gardener_action(request, slug, meeting_id, stamp)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new date and start time."))
        return redirect(_occurrence_url(series, when))
    try:
        services.move_occurrence(
            editor=request.user, series=series, original_start=when, **form.cleaned_data
        )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("This meeting is moved. Members see the new time."))
    return redirect(_occurrence_url(series, when))


@login_required
@require_POST
def restore(request, slug, meeting_id, stamp):
    series, when = _gardener_action(request, slug, meeting_id, stamp)
    try:
        services.restore_occurrence(editor=request.user, series=series, original_start=when)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("This meeting is back at its usual time."))
    return redirect(_occurrence_url(series, when))


@login_required
@require_POST
def attendance(request, slug, meeting_id, stamp):
    series, when = _gardener_action(request, slug, meeting_id, stamp)
    people = [
        m.user for m in Membership.objects.filter(community=series.community).select_related("user")
    ]
    form = AttendanceForm(request.POST, people=people)
    if not form.is_valid():
        messages.error(request, _("Tick members of the community, and keep the link short."))
        return redirect(_occurrence_url(series, when))
    try:
        services.record_attendance(
            editor=request.user,
            series=series,
            original_start=when,
            attendee_ids=form.cleaned_data["attendees"],
            notes_url=form.cleaned_data["notes_url"],
        )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("Attendance is recorded."))
    return redirect(_occurrence_url(series, when))


# --- calendars ------------------------------------------------------------------------------


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def community_calendar(request, slug):
    """The public calendar: public meetings of a public community. Anyone may subscribe."""
    community = permissions.get_visible_community_or_404(None, slug)
    series = MeetingSeries.objects.filter(community=community, members_only=False).select_related(
        "community"
    )
    return _ics(calendars.build(community.name, series), f"{community.slug}.ics")


def meeting_calendar(request, slug, meeting_id):
    community = _meeting_community(request, slug, meeting_id)
    series = _series(request, community, meeting_id)
    return _ics(calendars.build(series.title, [series]), f"meeting-{series.pk}.ics")


@login_required
def invite_guest(request, slug, meeting_id):
    """A gardener invites someone from outside to this one meeting."""
    community = _community(request, slug)
    series = _series(request, community, meeting_id)
    return invite_guest_page(
        request,
        community=community,
        target=series,
        invite=partial(
            guests.invite_guest,
            actor=request.user,
            community=community,
            target_type=GuestPass.Target.MEETING,
            target_id=series.pk,
            title=series.title,
            url=series.get_absolute_url(),
        ),
        template="rhythm/invite_guest.html",
        context={"series": series},
    )

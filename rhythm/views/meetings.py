"""Meeting pages: the list, scheduling and editing a series, one meeting, its calendar file."""

from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from communities import counted, permissions
from communities.models import GuestPass
from communities.services import guests
from communities.views.community import header_context
from communities.views.guests import invite_guest_page
from core.errors import ActionError, report_error
from core.period import PeriodError, parse_period
from core.policies import require
from core.ratelimits import limited
from rhythm import calendars, occurrences, recurrence, services
from rhythm import permissions as meeting_permissions
from rhythm.forms import MeetingForm
from rhythm.models import MeetingKind, MeetingSeries
from rhythm.views.common import (
    community_or_404,
    ics_response,
    meeting_community_or_404,
    series_or_404,
)

FIGURES = ("held", "planned", "recorded")


def _figure_behind(request, community, visible) -> dict:
    """``?held=1``, ``?planned=1`` or ``?recorded=1`` with a period: the meetings the
    dashboard counted as held, planned in the calendar, or with attendance recorded."""
    asked = next((name for name in FIGURES if request.GET.get(name) == "1"), "")
    if not asked:
        return {}
    try:
        period = parse_period(request.GET.get("start"), request.GET.get("end"))
    except PeriodError as error:
        return {"behind_error": str(error)}
    every = MeetingSeries.objects.filter(community=community)
    if asked == "planned":
        starts = occurrences.planned_in(every, period)
        shown, number = occurrences.planned(visible, starts, viewer=request.user), len(starts)
        heading = _("Meetings planned")
        text = _("meetings planned in the calendar %(period)s, less cancelled ones")
    else:
        if asked == "held":
            rows = counted.attendances(community, period).exclude(target_id=None)
            ids = set(rows.values_list("target_id", flat=True))
            heading, text = _("Meetings held"), _("meetings held %(period)s")
        else:
            rows = occurrences.recorded_in(every, period)
            ids = set(rows.values_list("pk", flat=True))
            heading = _("Meetings with attendance recorded")
            text = _("meetings planned %(period)s with their attendance recorded")
        shown, number = occurrences.held(visible, ids, viewer=request.user), len(ids)
    return {
        "listed": shown,
        "listed_heading": heading,
        "behind": counted.Behind(
            text=text % {"period": period.describe()},
            clear_url=reverse("rhythm:meetings", kwargs={"slug": community.slug}),
            shown=len(shown),
            counted=number,
        ),
    }


def meetings(request, slug):
    community = community_or_404(request, slug)
    visible = occurrences.visible_series(request.user, community)
    figure = _figure_behind(request, community, visible)
    if "listed" in figure:  # a figure's list: only what it counted
        return render(
            request,
            "rhythm/list.html",
            {**header_context(request, community), **figure},
        )
    return render(
        request,
        "rhythm/list.html",
        {
            **header_context(request, community),
            **figure,
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
    community = community_or_404(request, slug)
    require(
        meeting_permissions.can_create_meeting(request.user, community),
        _("Only the community's gardeners schedule meetings."),
    )
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
    community = meeting_community_or_404(request, slug, meeting_id)
    series = series_or_404(request, community, meeting_id)
    require(
        meeting_permissions.can_edit_meeting(request.user, series),
        _("Only the community's gardeners change meetings."),
    )
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
    community = meeting_community_or_404(request, slug, meeting_id)
    series = series_or_404(request, community, meeting_id)
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


def community_calendar(request, slug):
    """The public calendar: public meetings of a public community. Anyone may subscribe."""
    community = permissions.get_visible_community_or_404(None, slug)
    anyone = meeting_permissions.meetings.visible(None, community.meeting_series.all())
    series = anyone.select_related("community")
    return ics_response(calendars.build(community.name, series), f"{community.slug}.ics")


def meeting_calendar(request, slug, meeting_id):
    community = meeting_community_or_404(request, slug, meeting_id)
    series = series_or_404(request, community, meeting_id)
    return ics_response(calendars.build(series.title, [series]), f"meeting-{series.pk}.ics")


@login_required
@limited("guest_invite")
def invite_guest(request, slug, meeting_id):
    """A gardener invites someone from outside to this one meeting."""
    community = community_or_404(request, slug)
    series = series_or_404(request, community, meeting_id)
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

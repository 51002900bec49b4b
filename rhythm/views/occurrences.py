"""One occurrence of a meeting: its page, answers, attendance, and gardeners' changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import permissions
from communities.models import Membership
from communities.views.community import header_context
from core.errors import ActionError, report_error
from core.policies import require
from core.submissions import record, submitted_once
from rhythm import occurrences, recurrence, services
from rhythm import permissions as meeting_permissions
from rhythm.forms import AttendanceForm, CancelForm, MoveForm, RsvpForm
from rhythm.views.common import (
    meeting_community_or_404,
    occurrence_url,
    series_or_404,
    start_or_404,
)


def occurrence(request, slug, meeting_id, stamp):
    community = meeting_community_or_404(request, slug, meeting_id)
    series = series_or_404(request, community, meeting_id)
    when = start_or_404(series, stamp)
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
@submitted_once("meeting-answer")
def rsvp(request, slug, meeting_id, stamp):
    community = meeting_community_or_404(request, slug, meeting_id)
    series = series_or_404(request, community, meeting_id)
    when = start_or_404(series, stamp)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={occurrence_url(series, when)}")
    form = RsvpForm(request.POST)
    status = 200
    try:
        if not form.is_valid():
            raise ActionError(_("Answer going, maybe or not going."))
        answered = services.rsvp_to_meeting(
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
            return redirect(occurrence_url(series, when))
        message = error.message
    else:
        series_page = request.POST.get("next_page") == "series" and not request.htmx
        record(
            request,
            answered,
            series.get_absolute_url() if series_page else occurrence_url(series, when),
        )
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
    return redirect(occurrence_url(series, when))


def _gardener_action(request, slug, meeting_id, stamp):
    community = meeting_community_or_404(request, slug, meeting_id)
    series = series_or_404(request, community, meeting_id)
    require(
        meeting_permissions.can_edit_meeting(request.user, series),
        _("Only the community's gardeners change meetings."),
    )
    return series, start_or_404(series, stamp)


@login_required
@require_POST
def cancel(request, slug, meeting_id, stamp):
    series, when = _gardener_action(request, slug, meeting_id, stamp)
    form = CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Keep the note under 300 characters."))
        return redirect(occurrence_url(series, when))
    try:
        services.cancel_occurrence(
            editor=request.user, series=series, original_start=when, note=form.cleaned_data["note"]
        )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("This meeting is cancelled. Members see it, with your note."))
    return redirect(occurrence_url(series, when))


@login_required
@require_POST
def move(request, slug, meeting_id, stamp):
    series, when = _gardener_action(request, slug, meeting_id, stamp)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the new date and start time."))
        return redirect(occurrence_url(series, when))
    try:
        services.move_occurrence(
            editor=request.user, series=series, original_start=when, **form.cleaned_data
        )
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("This meeting is moved. Members see the new time."))
    return redirect(occurrence_url(series, when))


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
    return redirect(occurrence_url(series, when))


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
        return redirect(occurrence_url(series, when))
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
    return redirect(occurrence_url(series, when))


# --- calendars ------------------------------------------------------------------------------

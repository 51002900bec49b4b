"""A person's meeting settings: reminder times and secret calendar addresses (feeds)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import permissions
from communities.models import Membership
from core.errors import ActionError, report_error
from rhythm import calendars, services
from rhythm.forms import ReminderForm
from rhythm.models import DEFAULT_REMINDER_OFFSETS, CalendarToken, MeetingSeries, ReminderPreference
from rhythm.permissions import meetings
from rhythm.views.common import ics_response


def feed_url(request, token: CalendarToken) -> str:
    return request.build_absolute_uri(reverse("rhythm:token_calendar", args=[token.token]))


@login_required
def settings_page(request):
    preference = ReminderPreference.objects.filter(user=request.user).first()
    offsets = preference.offsets if preference else DEFAULT_REMINDER_OFFSETS
    form = ReminderForm(request.POST or None, initial={"offsets": offsets})
    if request.method == "POST" and form.is_valid():
        try:
            services.set_reminder_offsets(user=request.user, offsets=form.cleaned_data["offsets"])
        except ActionError as error:
            report_error(request, error, form)
        else:
            if form.cleaned_data["offsets"]:
                messages.success(request, _("Your reminder times are saved."))
            else:
                messages.success(request, _("Meeting reminders are off."))
            return redirect("rhythm:calendar_settings")
    tokens = list(
        CalendarToken.objects.filter(user=request.user, revoked_at__isnull=True).select_related(
            "community"
        )
    )
    memberships = Membership.objects.filter(user=request.user).select_related("community")
    with_token = {t.community_id for t in tokens}
    return render(
        request,
        "rhythm/calendar_settings.html",
        {
            "form": form,
            "feeds": [(t, feed_url(request, t)) for t in tokens],
            "without_token": [
                m.community
                for m in memberships
                if m.community_id not in with_token and not m.community.is_public
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def new_feed(request):
    community = None
    slug = request.POST.get("community", "")
    if slug:
        community = permissions.get_visible_community_or_404(request.user, slug)
    try:
        services.create_calendar_token(user=request.user, community=community)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(
            request,
            _("Your new calendar address is below. Any address you had before no longer works."),
        )
    return redirect("rhythm:calendar_settings")


@login_required
@require_POST
def revoke_feed(request, token_id: int):
    try:
        services.revoke_calendar_token(user=request.user, token_id=token_id)
    except ActionError as error:
        report_error(request, error)
    else:
        messages.success(request, _("That calendar address no longer works."))
    return redirect("rhythm:calendar_settings")


def token_calendar(request, token: str):
    """A secret address: a community's whole calendar, or all of one person's communities.
    Revoked or unknown tokens, and people who left, get 404."""
    found = (
        CalendarToken.objects.filter(
            token=token[:64], revoked_at__isnull=True, user__is_active=True
        )
        .select_related("user", "community")
        .first()
    )
    if found is None:
        raise Http404(_("This calendar address does not work any more."))
    mine = Membership.objects.filter(user=found.user).values("community_id")
    of_mine = MeetingSeries.objects.filter(community_id__in=mine)
    series = meetings.visible(found.user, of_mine).select_related("community")
    if found.community is not None:
        if not permissions.is_member(found.user, found.community):
            raise Http404(_("This calendar address does not work any more."))
        series = series.filter(community=found.community)
        name = found.community.name
    else:
        name = _("My meetings")
    return ics_response(calendars.build(name, series), "meetings.ics")

"""What the meeting pages share: finding the community, series and occurrence or 404."""

from datetime import datetime

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from communities import permissions
from rhythm import occurrences, recurrence
from rhythm import permissions as meeting_permissions
from rhythm.models import MeetingSeries

ICS_TYPE = "text/calendar; charset=utf-8"


def community_or_404(request, slug):
    return permissions.get_visible_community_or_404(request.user, slug)


def meeting_community_or_404(request, slug, meeting_id):
    # A guest of this one meeting may open it where the community is closed to them.
    return meeting_permissions.get_community_for_meeting_or_404(request.user, slug, meeting_id)


def series_or_404(request, community, meeting_id) -> MeetingSeries:
    series = (
        MeetingSeries.objects.filter(pk=meeting_id, community=community)
        .select_related("community")
        .first()
    )
    if series is None or not meeting_permissions.can_view_meeting(request.user, series):
        raise Http404(_("No such meeting."))
    return series


def start_or_404(series, value: str) -> datetime:
    when = occurrences.parse_stamp(value)
    if when is None or not recurrence.is_occurrence(series, when):
        raise Http404(_("The meeting has no occurrence at that time."))
    return when


def occurrence_url(series, when: datetime) -> str:
    return reverse(
        "rhythm:occurrence",
        kwargs={
            "slug": series.community.slug,
            "meeting_id": series.pk,
            "stamp": occurrences.stamp(when),
        },
    )


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

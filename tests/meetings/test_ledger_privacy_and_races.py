"""Meeting edits keep the ledger's privacy in step; simultaneous answers make one RSVP."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db.models import Q, QuerySet

from communities.models import Activity
from communities.services.guests import invite_guest
from core.vocabulary import Target
from rhythm import services
from rhythm.models import MeetingOccurrence, Rsvp
from tests.meetings.conftest import details

NOW = datetime(2026, 10, 1, 9, tzinfo=UTC)
FIRST = datetime(2026, 10, 6, 15, tzinfo=UTC)
AFTER_FIRST = datetime(2026, 10, 7, 9, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _rows(series):
    occurrences = series.occurrences.values("pk")
    return Activity.objects.filter(
        Q(target_type=Target.MEETING, target_id=series.pk)
        | Q(target_type=Target.MEETING_OCCURRENCE, target_id__in=occurrences)
    )


def test_meeting_made_members_only_hides_its_earlier_ledger_rows(
    make_meeting, gardener, member, community, client
):
    series = make_meeting(title="Zulu planning")
    services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="going")
    with time_machine.travel(AFTER_FIRST, tick=False):
        services.record_attendance(
            editor=gardener, series=series, original_start=FIRST, attendee_ids=[member.pk]
        )
    invite_guest(
        actor=gardener,
        community=community,
        email="guest@example.org",
        target_type=Target.MEETING,
        target_id=series.pk,
        title=series.title,
        url=series.get_absolute_url(),
    )
    answers = _rows(series).filter(verb__in=[Activity.Verb.RSVP, Activity.Verb.ATTENDED])
    assert answers.count() == 2 and all(row.is_public for row in answers)

    services.update_meeting(
        editor=gardener, series=series, details=details(title="Zulu planning", members_only=True)
    )
    assert not _rows(series).filter(is_public=True).exists()
    assert "Zulu planning" not in client.get(community.get_absolute_url()).content.decode()

    services.update_meeting(editor=gardener, series=series, details=details(title="Zulu planning"))
    assert all(row.is_public for row in answers)
    assert not _rows(series).get(verb=Activity.Verb.GUEST_INVITED).is_public


def test_two_first_answers_at_once_make_one_rsvp(make_meeting, member, monkeypatch):
    series = make_meeting()
    real_get, real_first = QuerySet.get, QuerySet.first
    rival = []

    def answer_from_another_tab():
        # The other request's row lands after this one looked and before it inserts.
        rival.append(True)
        occurrence = MeetingOccurrence.objects.get(series=series, original_start=FIRST)
        Rsvp.objects.create(occurrence=occurrence, user=member, answer="maybe")

    def get(qs, *args, **kwargs):
        if qs.model is Rsvp and not rival:
            answer_from_another_tab()
            raise Rsvp.DoesNotExist
        return real_get(qs, *args, **kwargs)

    def first(qs):
        if qs.model is Rsvp and not rival:
            answer_from_another_tab()
            return None
        return real_first(qs)

    monkeypatch.setattr(QuerySet, "get", get)
    monkeypatch.setattr(QuerySet, "first", first)
    services.rsvp_to_meeting(user=member, series=series, original_start=FIRST, answer="going")
    assert rival
    assert list(Rsvp.objects.values_list("answer", flat=True)) == ["going"]

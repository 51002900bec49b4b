"""The dashboard's default period and its weeks at every moment of tests/moments.py."""

from datetime import timedelta

import pytest
from django.urls import reverse

from core.period import DEFAULT_DAYS, parse_period
from core.vocabulary import Verb
from insights.dashboard.figures import compute
from tests.factories import add_member
from tests.moments import at_each_moment

pytestmark = pytest.mark.django_db


@at_each_moment
def test_the_default_period_counts_the_last_ninety_days_at(moment, client, community, ledger):
    now = moment.at
    with moment.travel():
        member = add_member(community).user
        ledger(member, Verb.THREAD_STARTED, 0, hours=1, thread_id=1)  # an hour ago
        ledger(member, Verb.REPLIED, DEFAULT_DAYS - 1, thread_id=2)  # first day
        ledger(member, Verb.REPLIED, DEFAULT_DAYS + 1, thread_id=3)  # before
        period = parse_period(None, None)
        figures = compute(community, period)
        gardener = community.memberships.get(role="gardener").user
        client.force_login(gardener)
        page = client.get(reverse("insights:dashboard", kwargs={"slug": community.slug}))
        today = client.get(
            reverse("insights:dashboard", kwargs={"slug": community.slug}),
            {"end": now.date().isoformat()},
        )
    assert (period.end, period.days) == (now.date(), DEFAULT_DAYS)
    weeks = period.weeks()
    assert all(monday.weekday() == 0 for monday in weeks)
    assert weeks[0] <= period.start < weeks[0] + timedelta(days=7)
    assert weeks[-1] <= period.end < weeks[-1] + timedelta(days=7)
    assert figures.contributions == 2
    assert sum(w.contributions for w in figures.weeks) == 2
    assert figures.weeks[-1].contributions >= 1  # the hour-old thread is in this week
    assert page.status_code == 200 and today.status_code == 200  # today is never "the future"

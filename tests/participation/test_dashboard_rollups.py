"""The dashboard's roll-ups agree with the ledger they summarise: live, after moderation,
after a move and after a rebuild."""

from collections import Counter
from datetime import UTC, date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from communities.ledger import rollups, writing
from communities.ledger.record import record_activity
from communities.models import (
    Activity,
    LedgerDay,
    LedgerFirst,
    LedgerMonth,
    LedgerThread,
    LedgerWeek,
)
from communities.tasks import rebuild_rollups
from core.period import Period, parse_period
from core.vocabulary import CONTRIBUTION_VERBS, OWN_VERBS, Verb
from discussions import moderation
from discussions.services import accept_answer, create_thread, reply_to_thread
from insights.dashboard.figures import compute
from tests.factories import CommunityFactory, add_member

pytestmark = pytest.mark.django_db

THREAD_FIELDS = (
    "thread_id",
    "title",
    "starter_id",
    "started_at",
    "first_actor_id",
    "first_at",
    "last_at",
    "first_response_at",
    "accepted_at",
    "conversation_at",
    "behaviour",
)


def day_counts(community) -> Counter:
    """What the daily roll-up says, per (day, actor, verb, public)."""
    found = Counter()
    for row in LedgerDay.objects.filter(community=community):
        found[(row.day, row.actor_id, row.verb, row.is_public)] += row.count
    return found


def ledger_counts(community) -> Counter:
    """The same, counted from the raw ledger."""
    rows = (
        Activity.objects.filter(community=community)
        .annotate(day=TruncDate("created_at", tzinfo=UTC))
        .values_list("day", "actor_id", "verb", "is_public")
        .annotate(n=Count("pk"))
    )
    return Counter({(d, a, v, p): n for d, a, v, p, n in rows})


def thread_rows(community) -> set[tuple]:
    return set(LedgerThread.objects.filter(community=community).values_list(*THREAD_FIELDS))


def first_rows(community) -> set[tuple]:
    return set(LedgerFirst.objects.filter(community=community).values_list("actor_id", "first_at"))


def ledger_firsts(community) -> set[tuple]:
    own = Activity.objects.filter(community=community, verb__in=OWN_VERBS)
    return set(own.exclude(actor=None).values_list("actor_id").annotate(Min("created_at")))


def person_counts(community) -> tuple[Counter, Counter]:
    """What the people's weeks and months say, per (week or month, actor)."""
    weeks = Counter(
        {
            (w, a): n
            for w, a, n in LedgerWeek.objects.filter(community=community).values_list(
                "week", "actor_id", "count"
            )
        }
    )
    months = Counter(
        {
            (m, a): n
            for m, a, n in LedgerMonth.objects.filter(community=community).values_list(
                "month", "actor_id", "count"
            )
        }
    )
    return weeks, months


def ledger_person_counts(community) -> tuple[Counter, Counter]:
    """The same, counted from the raw ledger's contributions."""
    weeks, months = Counter(), Counter()
    rows = Activity.objects.filter(community=community, verb__in=CONTRIBUTION_VERBS)
    for actor_id, at in rows.exclude(actor=None).values_list("actor_id", "created_at"):
        day = at.astimezone(UTC).date()
        weeks[(day - timedelta(days=day.weekday()), actor_id)] += 1
        months[(day.replace(day=1), actor_id)] += 1
    return weeks, months


def assert_in_step(community) -> set[tuple]:
    """Live roll-ups = raw ledger = a rebuild from scratch."""
    live_days, live_threads = day_counts(community), thread_rows(community)
    live_firsts, live_people = first_rows(community), person_counts(community)
    assert live_days == ledger_counts(community)
    assert live_firsts == ledger_firsts(community)
    assert live_people == ledger_person_counts(community)
    rollups.rebuild(community)
    assert day_counts(community) == live_days
    assert thread_rows(community) == live_threads
    assert first_rows(community) == live_firsts
    assert person_counts(community) == live_people
    return live_threads


@pytest.fixture
def people(community):
    return [add_member(community).user for _ in range(3)]


def test_record_activity_keeps_both_rollups_in_step(community, people):
    asker, helper, other = people
    now = timezone.now()
    record_activity(
        community=community,
        actor=asker,
        verb=Verb.THREAD_STARTED,
        thread_id=7,
        title="Stuck",
        behaviour="problem-solving",
        at=now - timedelta(days=3),
    )
    record_activity(
        community=community,
        actor=asker,
        verb=Verb.REPLIED,
        thread_id=7,
        at=now - timedelta(days=3, hours=-1),
    )
    record_activity(
        community=community,
        actor=helper,
        verb=Verb.REPLIED,
        thread_id=7,
        behaviour="seeking-experience",
        at=now - timedelta(days=2),
    )
    record_activity(
        community=community,
        actor=asker,
        verb=Verb.ANSWER_ACCEPTED,
        thread_id=7,
        at=now - timedelta(days=1),
    )
    for _n in range(3):  # the same day, actor and verb: one roll-up row counting three
        record_activity(community=community, actor=other, verb=Verb.ASSET_USED, is_public=False)
    record_activity(community=community, actor=None, verb=Verb.VALUE_STORY)
    record_activity(community=community, actor=None, verb=Verb.VALUE_STORY)

    threads = assert_in_step(community)
    (thread,) = LedgerThread.objects.filter(community=community)
    assert thread.starter_id == asker.pk and thread.title == "Stuck"
    # The asker's own follow-up is not a response; the helper's is, and made it a conversation.
    assert thread.first_response_at == thread.conversation_at == now - timedelta(days=2)
    assert thread.accepted_at == now - timedelta(days=1)
    assert thread.behaviours == {"problem-solving", "seeking-experience"}
    assert LedgerDay.objects.get(community=community, verb=Verb.ASSET_USED).count == 3
    assert len(threads) == 1


def test_a_rebuild_twice_changes_nothing(community, people, ledger):
    ledger(people[0], Verb.THREAD_STARTED, 5, thread_id=1, title="T")
    ledger(people[1], Verb.REPLIED, 4, thread_id=1)
    first = rollups.rebuild(community)
    days, threads = day_counts(community), thread_rows(community)
    assert rollups.rebuild(community) == first
    assert (day_counts(community), thread_rows(community)) == (days, threads)


def test_hiding_a_reply_withdraws_it_from_the_thread_rollup(community, gardener, people):
    asker, helper, _other = people
    thread = create_thread(
        author=asker,
        community=community,
        title="Who has run a visit?",
        body="Looking for advice.",
        behaviour_codes=["visits"],
    )
    reply = reply_to_thread(author=helper, thread=thread, body="We did, last spring.")
    period = parse_period(None, None)
    assert "visits" in compute(community, period).behaviours_evident

    moderation.set_post_hidden(actor=gardener, post=reply, hidden=True)

    rolled = LedgerThread.objects.get(community=community)
    assert rolled.first_response_at is None and rolled.conversation_at is None
    figures = compute(community, period)
    assert "visits" not in figures.behaviours_evident
    assert [t.title for t in figures.unanswered] == ["Who has run a visit?"]
    assert_in_step(community)

    moderation.set_post_hidden(actor=gardener, post=reply, hidden=False)
    assert "visits" in compute(community, period).behaviours_evident
    assert_in_step(community)


def test_a_hidden_thread_leaves_the_figures_and_public_counts_follow(community, gardener, people):
    asker, helper, _other = people
    thread = create_thread(
        author=asker,
        community=community,
        title="A question",
        body="Body.",
        behaviour_codes=["problem-solving"],
    )
    answer = reply_to_thread(author=helper, thread=thread, body="An answer.")
    accept_answer(actor=asker, thread=thread, post=answer)
    period = parse_period(None, None)
    before = compute(community, period)
    assert before.public_rows == 3 and before.accepted_answers == 1

    moderation.set_thread_switch(actor=gardener, thread=thread, switch="hidden", on=True)

    after = compute(community, period)
    assert after.active_threads == 0 and after.behaviours_evident == set()
    # Withdrawn rows still count in the totals, as before; they are no longer public.
    assert (after.contributions, after.public_rows, after.private_rows) == (3, 0, 3)
    assert_in_step(community)


def test_a_moved_thread_moves_its_rollups(community, gardener, people):
    asker, helper, _other = people
    elsewhere = CommunityFactory()
    add_member(elsewhere, gardener, role="gardener")
    thread = create_thread(
        author=asker,
        community=community,
        title="Belongs elsewhere",
        body="Body.",
        behaviour_codes=["problem-solving"],
    )
    reply_to_thread(author=helper, thread=thread, body="Reply.")
    moderation.move_thread(actor=gardener, thread=thread, to=elsewhere)
    assert not LedgerThread.objects.filter(community=community).exists()
    assert LedgerThread.objects.filter(community=elsewhere).count() == 1
    assert_in_step(community)
    assert_in_step(elsewhere)


def test_figures_from_rollups_match_the_raw_ledger(community, people, ledger):
    a, b, c = people
    for days_ago, actor, verb in [
        (1, a, Verb.REPLIED),
        (1, a, Verb.REPLIED),
        (2, b, Verb.ASSET_PUBLISHED),
        (9, c, Verb.ATTENDED),
        (9, a, Verb.VALUE_STORY),
        (40, b, Verb.REPLIED),
        (120, c, Verb.REPLIED),  # before the period
    ]:
        ledger(actor, verb, days_ago, thread_id=1)
    ledger(a, Verb.FLAG_RESOLVED, 3)
    period = parse_period(None, None)
    figures = compute(community, period)
    raw = Activity.objects.filter(
        community=community,
        created_at__gte=period.since,
        created_at__lt=period.until,
        verb__in=CONTRIBUTION_VERBS,
    )
    assert figures.contributions == raw.count() == 6
    assert figures.active_members == raw.values("actor").distinct().count() == 3
    assert sum(w.contributions for w in figures.weeks) == 6
    assert figures.flags_resolved == 1 and figures.ledger_stories == 1
    assert {n["username"] for n in figures.newcomers} == {a.username, b.username}


def test_a_period_cut_mid_week_and_mid_month_counts_exactly(community, people, ledger):
    """Whole weeks and months come from the people's roll-ups, the cut edges from the days:
    every figure equals counting the raw ledger day by day."""
    period = Period(start=date(2026, 1, 14), end=date(2026, 3, 11))  # Wednesdays
    today = timezone.now().date()
    spread = [people[0]] * 3 + [people[1]] * 2 + [people[2]]
    for offset in range(-4, (period.end - period.start).days + 5, 2):
        day = period.start + timedelta(days=offset)
        for index, actor in enumerate(spread[: 1 + (offset // 2) % 6]):
            ledger(
                actor, Verb.REPLIED if index % 2 else Verb.ATTENDED, (today - day).days, hours=-1
            )
    raw = Activity.objects.filter(
        community=community,
        created_at__gte=period.since,
        created_at__lt=period.until,
        verb__in=CONTRIBUTION_VERBS,
    )
    days = [(at.date(), actor) for at, actor in raw.values_list("created_at", "actor_id")]
    figures = compute(community, period, now=timezone.now())

    for week in figures.weeks:
        inside = {a for d, a in days if week.start <= d < week.start + timedelta(days=7)}
        assert week.active_members == len(inside)
    months = {}
    for d, a in days:
        months.setdefault(d.replace(day=1), set()).add(a)
    assert [(m.month, m.active_members) for m in figures.monthly_active] == sorted(
        (m, len(a)) for m, a in months.items()
    )
    assert figures.active_members == len({a for _d, a in days}) == 3
    per_person = sorted(Counter(a for _d, a in days).values(), reverse=True)
    assert figures.concentration["contributors"] == len(per_person)
    top = -(-len(per_person) // 10)
    assert figures.concentration["top_share"] == round(
        100 * sum(per_person[:top]) / sum(per_person)
    )
    assert figures.contributions == sum(per_person)
    assert_in_step(community)


def test_the_nightly_task_and_command_rebuild(community, people, ledger, capsys):
    with writing.allowed():  # written around the ledger, for the nightly rebuild to find
        Activity.objects.bulk_create(
            [
                Activity(
                    community=community,
                    actor=people[0],
                    verb=Verb.REPLIED,
                    created_at=timezone.now(),
                )
            ]
        )
    assert day_counts(community) != ledger_counts(community)
    assert rebuild_rollups() >= 1
    assert day_counts(community) == ledger_counts(community)
    call_command("rebuild_rollups", community.slug)
    assert community.slug in capsys.readouterr().out
    with pytest.raises(CommandError, match="No community with the slug: nowhere"):
        call_command("rebuild_rollups", "nowhere")

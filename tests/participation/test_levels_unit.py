"""Level computation at the boundaries, on hand-built ledgers (no database)."""

from datetime import UTC, datetime, timedelta

from core.vocabulary import Target, Verb
from participation.rules import (
    DEFAULT_RULES,
    POINTS,
    Row,
    Rules,
    compute_standings,
    ladder,
    next_level,
)

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)


def ago(days=0, hours=0):
    return NOW - timedelta(days=days, hours=hours)


def started(actor, thread, at):
    return Row(actor, Verb.THREAD_STARTED, Target.THREAD, thread, thread, at)


def reply(actor, thread, at, number=2):
    return Row(actor, Verb.REPLIED, Target.POST, thread * 100 + number, thread, at)


def story(actor, at):
    return Row(actor, Verb.VALUE_STORY, Target.VALUE_STORY, 1, None, at)


def level_of(rows, user=1, **kwargs):
    return compute_standings(rows, now=NOW, **kwargs).get(user)


def test_points_table_is_one_data_structure():
    kinds = {p.verb for p in POINTS}
    assert {"thread_started", "answer_accepted", "asset_used", "value_story"} <= kinds
    assert [row[0] for row in ladder()] == ["core", "resting", "active", "occasional", "peripheral"]


def test_nobody_in_the_ledger_is_peripheral():
    assert compute_standings([], now=NOW) == {}


def test_two_points_is_peripheral_three_is_occasional():
    assert level_of([started(1, 1, ago(1))]).level == "peripheral"  # 2 points, nobody replied
    standing = level_of([started(1, 1, ago(1)), reply(1, 1, ago(1), 3)])
    assert standing.points == 3 and standing.level == "occasional"


def test_a_reply_from_someone_else_makes_a_thread_worth_three():
    standing = level_of([started(1, 1, ago(5)), reply(2, 1, ago(5, 1))])
    assert standing.by_kind == {"thread_started": 2, "thread_replied_to": 1}


def test_the_window_edge():
    inside = level_of([story(1, ago(89))])
    assert inside.points == 3
    assert level_of([story(1, ago(91))]) is None
    # Those 3 points leave the window within 14 days: the member is told.
    assert inside.expiring == 3


def test_active_needs_points_and_three_distinct_weeks():
    five_stories_one_week = [story(1, ago(d)) for d in range(5)]  # 15 points, one week
    assert level_of(five_stories_one_week).level == "occasional"
    spread = [story(1, ago(7 * w)) for w in range(3)] + [story(1, ago(1)), story(1, ago(2))]
    standing = level_of(spread)
    assert standing.points == 15 and standing.weeks_in(8) == 3
    assert standing.level == "active"
    assert level_of(spread[:-1]).level == "occasional"  # 12 points


def test_core_needs_stewardship():
    rows = [story(1, ago(7 * w)) for w in range(12)] + [story(1, ago(1)) for _ in range(2)]
    standing = level_of(rows)  # 42 points over 12 weeks, no stewardship
    assert standing.points == 42 and standing.level == "active"
    welcomed = [*rows, started(2, 9, ago(3)), reply(1, 9, ago(3) + timedelta(hours=47))]
    standing = level_of(welcomed, first_contribution={2: ago(3)})
    assert standing.stewardship == {"welcomed_newcomer"}
    assert standing.level == "core"


def test_welcome_bonus_only_within_48_hours_and_only_for_a_newcomer():
    late = [started(2, 9, ago(5)), reply(1, 9, ago(5) + timedelta(hours=49))]
    assert level_of(late, first_contribution={2: ago(5)}).points == 1
    regular = [started(2, 9, ago(5)), reply(1, 9, ago(5, -1))]
    assert level_of(regular, first_contribution={2: ago(50)}).points == 1
    second_replier = [*regular, reply(3, 9, ago(5, -2), 3)]
    standings = compute_standings(second_replier, now=NOW, first_contribution={2: ago(5)})
    assert standings[1].points == 3 and standings[3].points == 1


def test_reuse_credits_the_author_once_per_reuser_and_caps_per_week():
    published = Row(1, Verb.ASSET_PUBLISHED, Target.ASSET, 7, None, ago(200))  # before the window
    uses = [Row(2, Verb.ASSET_USED, Target.ASSET, 7, None, ago(3)) for _ in range(4)]
    standing = level_of([published, *uses])
    assert standing.by_kind == {"asset_used": 3}
    own_use = Row(1, Verb.ASSET_USED, Target.ASSET, 7, None, ago(3))
    assert level_of([published, own_use]) is None  # using your own asset earns nothing
    # One counterpart gives at most 10 points a week, across assets.
    many = [Row(1, Verb.ASSET_PUBLISHED, Target.ASSET, n, None, ago(200)) for n in range(5)]
    many += [Row(2, Verb.ASSET_ADAPTED, Target.ASSET, n, None, ago(2)) for n in range(5)]
    assert level_of(many).points == 10
    two_reusers = [published, uses[0], Row(3, Verb.ASSET_USED, Target.ASSET, 7, None, ago(2))]
    assert level_of(two_reusers).stewardship == {"reused_by_two"}


def test_accepted_answer_counts_once_per_thread():
    rows = [started(2, 4, ago(3))] + [
        Row(1, Verb.ANSWER_ACCEPTED, Target.POST, 402, 4, ago(2)) for _ in range(2)
    ]
    assert level_of(rows).by_kind == {"answer_accepted": 5}


def test_custom_rules_move_the_thresholds():
    rules = Rules(occasional_points=5, active_points=6, core_points=7)
    assert level_of([story(1, ago(1))], rules=rules).level == "peripheral"
    assert not rules.problems()
    assert Rules(occasional_points=20, active_points=15).problems()
    assert Rules(window_days=5).problems()
    assert Rules(active_weeks=9, active_span_weeks=8).problems()
    assert not DEFAULT_RULES.problems()


def test_promotion_is_immediate_demotion_needs_two_reviews():
    rules = DEFAULT_RULES
    up = next_level(
        current="occasional", earned="active", points=15, rules=rules, review=False, warned=False
    )
    assert up.level == "active"
    down = dict(current="active", earned="occasional", points=5, rules=rules)
    assert next_level(**down, review=False, warned=False).level == "active"
    first = next_level(**down, review=True, warned=False)
    assert first == ("active", True)
    assert next_level(**down, review=True, warned=True) == ("occasional", False)
    # At or above 70 % of the threshold the level holds and the warning clears.
    held = next_level(
        current="active", earned="occasional", points=11, rules=rules, review=True, warned=True
    )
    assert held == ("active", False)


def test_core_going_quiet_rests_and_comes_back():
    quiet = next_level(
        current="core", earned="peripheral", points=0, rules=DEFAULT_RULES, review=True, warned=True
    )
    assert quiet.level == "resting"
    still = next_level(
        current="resting",
        earned="occasional",
        points=4,
        rules=DEFAULT_RULES,
        review=True,
        warned=False,
    )
    assert still.level == "resting"
    back = next_level(
        current="resting", earned="core", points=50, rules=DEFAULT_RULES, review=False, warned=False
    )
    assert back.level == "core"

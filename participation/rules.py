"""Participation levels earned from the activity ledger: a pure computation.

Nothing here touches the database. ``compute_standings`` takes ledger rows (``Row``) and the
rules, and says for each person how many points they earned in the rolling window, in how
many distinct weeks, which acts of stewardship they did, and the level that earns them.
``next_level`` then applies the movement rules (promotion at once, demotion only after two
monthly reviews in a row well below the level, core members going quiet become "resting").

``POINTS`` and ``Rules`` are the single source of truth for the numbers: the settings form,
the "why am I at this level" explanation and a help page all read them. docs/DOMAIN-METRICS.md
explains the reasoning; change both together.
"""

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from communities.models.choices import LEVEL_ORDER, Level
from core.vocabulary import Verb


class Points(NamedTuple):
    verb: str
    points: int
    label: str
    why: str


# Points per ledger verb. Reading and downloading earn nothing: they are legitimate
# participation, but not contribution to the practice.
POINTS: tuple[Points, ...] = (
    Points(Verb.THREAD_STARTED, 2, _("thread started"), _("raising a problem starts practice")),
    Points(
        "thread_replied_to",
        1,
        _("…and someone else replied"),
        _("a thread that gets an answer has become shared"),
    ),
    Points(Verb.REPLIED, 1, _("reply"), _("taking part in a conversation")),
    Points(
        "welcomed_newcomer",
        2,
        _("first reply to a newcomer's first thread within 48 hours"),
        _("welcoming the periphery is core work"),
    ),
    Points(
        Verb.ANSWER_ACCEPTED, 5, _("answer accepted"), _("problem solving recognised by the asker")
    ),
    Points(Verb.HELPFUL_RECEIVED, 1, _("post found helpful"), _("someone says it helped them")),
    Points(Verb.ASSET_PUBLISHED, 5, _("asset published"), _("building the shared repertoire")),
    Points(
        Verb.ASSET_VERSIONED, 2, _("new version of an asset"), _("keeping the repertoire alive")
    ),
    Points(
        Verb.ASSET_USED,
        3,
        _("your asset used by another member (once per person)"),
        _("value to others, the heart of a community of practice"),
    ),
    Points(
        Verb.ASSET_ADAPTED,
        5,
        _("your asset adapted by another member (once per person)"),
        _("others build on your work"),
    ),
    Points(Verb.ATTENDED, 2, _("meeting attended"), _("rhythm and relationships")),
    Points(Verb.VALUE_STORY, 3, _("value story told"), _("saying what difference it made")),
    Points(
        Verb.MEETING_HOSTED,
        3,
        _("meeting hosted (attendance recorded)"),
        _("keeping the community's rhythm going"),
    ),
    Points(
        Verb.GAP_FILLED,
        3,
        _("gap in the knowledge map marked filled"),
        _("the community now knows something it lacked"),
    ),
)
POINTS_BY_KIND = {p.verb: p for p in POINTS}

# Points that another person gives: capped per counterpart per week (anti-gaming).
COUNTERPART_KINDS = frozenset({Verb.ANSWER_ACCEPTED, Verb.ASSET_USED, Verb.ASSET_ADAPTED})
NEWCOMER_REPLY_WINDOW = timedelta(hours=48)
DEMOTION_MARGIN = 0.7  # demote only when below 70 % of the level's threshold


@dataclass(frozen=True)
class Rules:
    """Thresholds for one community; the defaults are DOMAIN-METRICS.md's ladder."""

    window_days: int = 90
    occasional_points: int = 3
    active_points: int = 15
    active_weeks: int = 3  # distinct weeks with a contribution …
    active_span_weeks: int = 8  # … out of the last this many
    core_points: int = 40
    core_weeks: int = 6
    core_span_weeks: int = 12
    counterpart_weekly_cap: int = 10

    def threshold(self, level: str) -> int:
        return {
            Level.OCCASIONAL: self.occasional_points,
            Level.ACTIVE: self.active_points,
            Level.CORE: self.core_points,
            Level.RESTING: self.core_points,
        }.get(level, 0)

    def problems(self) -> list[str]:
        """Why these numbers make no sense as a ladder (empty when they do)."""
        found = []
        if not 14 <= self.window_days <= 730:
            found.append(_("The window must be between 14 and 730 days."))
        if not 1 <= self.occasional_points < self.active_points < self.core_points <= 10_000:
            found.append(
                _(
                    "Points must climb: occasional < active < core, "
                    "each at least 1 (core at most 10,000)."
                )
            )
        for weeks, span in (
            (self.active_weeks, self.active_span_weeks),
            (self.core_weeks, self.core_span_weeks),
        ):
            if not 1 <= weeks <= span <= 52:
                found.append(
                    _(
                        "Weeks with a contribution must be at least 1 and no more than "
                        "the weeks looked at (at most 52)."
                    )
                )
                break
        if self.counterpart_weekly_cap < 1:
            found.append(_("The weekly cap per person must be at least 1."))
        return found


DEFAULT_RULES = Rules()
RULE_FIELDS = tuple(f.name for f in fields(Rules))


def ladder(rules: Rules = DEFAULT_RULES) -> list[tuple[str, str, str]]:
    """The ladder in words, core first: (level, label, what it takes). For help pages."""
    return [
        (
            Level.CORE,
            Level.CORE.label,
            _(
                "at least %(p)s points, contributed in %(w)s of the last %(s)s weeks, and one "
                "act of stewardship (an accepted answer, an asset reused by two or more people, "
                "or a first reply to a newcomer)"
            )
            % {"p": rules.core_points, "w": rules.core_weeks, "s": rules.core_span_weeks},
        ),
        (
            Level.RESTING,
            Level.RESTING.label,
            _("was core and has gone quiet: still the community's memory"),
        ),
        (
            Level.ACTIVE,
            Level.ACTIVE.label,
            _("at least %(p)s points, contributed in %(w)s of the last %(s)s weeks")
            % {"p": rules.active_points, "w": rules.active_weeks, "s": rules.active_span_weeks},
        ),
        (
            Level.OCCASIONAL,
            Level.OCCASIONAL.label,
            _("at least %(p)s points") % {"p": rules.occasional_points},
        ),
        (
            Level.PERIPHERAL,
            Level.PERIPHERAL.label,
            _("everyone starts here; reading and learning quietly is legitimate participation"),
        ),
    ]


class Row(NamedTuple):
    """The ledger columns the computation reads."""

    actor_id: int | None
    verb: str
    target_type: str
    target_id: int | None
    thread_id: int | None  # the thread a thread's or a post's row belongs to
    created_at: datetime


@dataclass
class Standing:
    points: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    weeks: set[int] = field(default_factory=set)  # 0 = the last 7 days
    stewardship: set[str] = field(default_factory=set)
    expiring: int = 0  # points that leave the window in the next 14 days
    level: str = Level.PERIPHERAL

    def weeks_in(self, span: int) -> int:
        return sum(1 for week in self.weeks if week < span)


class _Award(NamedTuple):
    user_id: int
    kind: str
    at: datetime
    counterpart: int | None


def _awards(rows: list[Row], *, since: datetime, first_contribution: dict[int, datetime]):
    """Every point-earning fact in the rows, once each, with who earned it."""
    rows = sorted(rows, key=lambda r: r.created_at)
    starts: dict[int, Row] = {}
    asset_owner: dict[int, int] = {}
    for row in rows:
        if row.verb == Verb.THREAD_STARTED and row.actor_id and row.thread_id:
            starts.setdefault(row.thread_id, row)
        elif row.verb == Verb.ASSET_PUBLISHED and row.actor_id and row.target_id:
            asset_owner.setdefault(row.target_id, row.actor_id)
    answered: set[int | None] = set()  # threads that already had a reply from someone else
    seen: set[tuple] = set()
    reusers: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        if row.created_at < since or not row.actor_id:
            continue
        actor, verb, at = row.actor_id, row.verb, row.created_at
        key = row.thread_id
        if verb == Verb.THREAD_STARTED:
            yield _Award(actor, Verb.THREAD_STARTED, at, None)
        elif verb == Verb.REPLIED:
            yield _Award(actor, Verb.REPLIED, at, None)
            start = starts.get(key)
            if start is None or start.actor_id == actor or key in answered:
                continue
            answered.add(key)
            if start.created_at >= since:
                yield _Award(start.actor_id, "thread_replied_to", at, None)
            first = first_contribution.get(start.actor_id)
            is_newcomer = first is not None and start.created_at <= first
            if is_newcomer and at - start.created_at <= NEWCOMER_REPLY_WINDOW:
                yield _Award(actor, "welcomed_newcomer", at, None)
        elif verb == Verb.ANSWER_ACCEPTED:
            if ("accepted", actor, key) in seen:
                continue
            seen.add(("accepted", actor, key))
            start = starts.get(key)
            yield _Award(actor, Verb.ANSWER_ACCEPTED, at, start.actor_id if start else None)
        elif verb in {Verb.ASSET_USED, Verb.ASSET_ADAPTED}:
            owner = asset_owner.get(row.target_id)
            if owner is None or owner == actor or (verb, row.target_id, actor) in seen:
                continue
            seen.add((verb, row.target_id, actor))
            reusers[row.target_id].add(actor)
            yield _Award(owner, verb, at, actor)
            if len(reusers[row.target_id]) == 2:
                yield _Award(owner, "reused_by_two", at, None)
        elif verb in POINTS_BY_KIND:
            yield _Award(actor, verb, at, None)


STEWARDSHIP = {
    Verb.ANSWER_ACCEPTED: _("an accepted answer"),
    "reused_by_two": _("an asset reused by two or more people"),
    "welcomed_newcomer": _("a first reply to a newcomer"),
}


def compute_standings(
    rows: list[Row],
    *,
    now: datetime,
    rules: Rules = DEFAULT_RULES,
    first_contribution: dict[int, datetime] | None = None,
) -> dict[int, Standing]:
    """Points, weeks and the earned level for everyone who appears in ``rows``.

    ``first_contribution`` maps a person to the time of their first contribution ever in
    the community (a newcomer's first thread is one started at that moment); rows may
    reach back before the window so assets published long ago still credit their author.
    """
    since = now - timedelta(days=rules.window_days)
    soon_gone = since + timedelta(days=14)
    standings: dict[int, Standing] = defaultdict(Standing)
    capped: dict[tuple[int, int, int], int] = defaultdict(int)
    for award in _awards(rows, since=since, first_contribution=first_contribution or {}):
        if award.at > now:
            continue
        standing = standings[award.user_id]
        if award.kind in STEWARDSHIP:
            standing.stewardship.add(award.kind)
        if award.kind not in POINTS_BY_KIND:
            continue
        points = POINTS_BY_KIND[award.kind].points
        week = (now - award.at).days // 7
        if award.counterpart is not None:
            bucket = (award.user_id, award.counterpart, week)
            points = min(points, rules.counterpart_weekly_cap - capped[bucket])
            capped[bucket] += points
            if points <= 0:
                continue
        standing.points += points
        standing.by_kind[award.kind] += points
        standing.weeks.add(week)
        if award.at < soon_gone:
            standing.expiring += points
    for standing in standings.values():
        standing.level = earned_level(standing, rules)
    return dict(standings)


def earned_level(standing: Standing, rules: Rules = DEFAULT_RULES) -> str:
    """The highest rung whose every condition the standing meets."""
    if (
        standing.points >= rules.core_points
        and standing.weeks_in(rules.core_span_weeks) >= rules.core_weeks
        and standing.stewardship
    ):
        return Level.CORE
    if (
        standing.points >= rules.active_points
        and standing.weeks_in(rules.active_span_weeks) >= rules.active_weeks
    ):
        return Level.ACTIVE
    if standing.points >= rules.occasional_points:
        return Level.OCCASIONAL
    return Level.PERIPHERAL


class Decision(NamedTuple):
    level: str
    warned: bool  # a review found the member well below their level, once


def next_level(
    *, current: str, earned: str, points: int, rules: Rules, review: bool, warned: bool
) -> Decision:
    """Where a member goes, given where they are and what they earned.

    Promotion is immediate. Demotion waits for the monthly ``review`` and needs two reviews
    in a row below 70 % of the current level's threshold. A core member who goes quiet
    becomes "core, resting" rather than dropping down the ladder.
    """
    if current == Level.RESTING:
        if earned in {Level.ACTIVE, Level.CORE}:
            return Decision(earned, False)
        return Decision(Level.RESTING, False)
    if LEVEL_ORDER[earned] >= LEVEL_ORDER[current]:
        return Decision(earned, False)
    if not review:
        return Decision(current, warned)
    if points >= DEMOTION_MARGIN * rules.threshold(current):
        return Decision(current, False)
    if not warned:
        return Decision(current, True)
    if current == Level.CORE and LEVEL_ORDER[earned] < LEVEL_ORDER[Level.ACTIVE]:
        return Decision(Level.RESTING, False)
    return Decision(earned, False)

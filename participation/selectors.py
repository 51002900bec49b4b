from communities.models import Membership
from communities.models.choices import Level
from participation.rules import POINTS_BY_KIND, STEWARDSHIP, ladder
from participation.services import member_standing, rules_for


def why_my_level(membership: Membership) -> dict:
    """What a member sees about their own level: the points that count, what expires soon,
    and what the next rung takes. A fixed handful of queries."""
    rules = rules_for(membership.community)
    standing = member_standing(membership.community, membership.user_id, rules=rules)
    rungs = {level: rule for level, _label, rule in ladder(rules)}
    climb = [Level.PERIPHERAL, Level.OCCASIONAL, Level.ACTIVE, Level.CORE]
    here = membership.level if membership.level in climb else Level.CORE
    above = climb[climb.index(here) + 1] if here != Level.CORE else None
    return {
        "points": standing.points,
        "window_days": rules.window_days,
        "expiring": standing.expiring,
        "weeks": standing.weeks_in(rules.active_span_weeks),
        "span": rules.active_span_weeks,
        "breakdown": [
            (POINTS_BY_KIND[kind].label, points) for kind, points in standing.by_kind.items()
        ],
        "stewardship": [STEWARDSHIP[kind] for kind in sorted(standing.stewardship)],
        "next_label": Level(above).label if above else "",
        "next_rule": rungs.get(above, ""),
        "overridden": membership.level_overridden,
    }

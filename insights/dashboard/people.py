"""Who does the work, and how people move: the dashboard's people panels.

Each figure is one or two queries on the daily roll-up or the membership history, the same
number whatever the size of the community; the rows that come back are per level or per
person (bounded by the membership), never per ledger row.
"""

from math import ceil

from django.db.models import Count, Sum, Window

from accounts.names import shown_name
from communities import counted
from communities.models import Community, LedgerDay
from communities.models.choices import Level
from core.period import Period
from core.vocabulary import Verb

FLOW_ORDER = (Level.PERIPHERAL, Level.OCCASIONAL, Level.ACTIVE, Level.CORE, Level.RESTING)
NAMES = 20  # names listed per group; the count says how many there are


def _person(row: dict, prefix: str = "actor__") -> dict:
    username = row[f"{prefix}username"]
    return {
        "name": shown_name(row[f"{prefix}display_name"], username),
        "username": username,
        # Profiles of deactivated accounts answer 404: name them without a link.
        "linked": row[f"{prefix}is_active"],
    }


def flow_matrix(community: Community, period: Period) -> dict:
    """How many people went from each level to each other level in the period; each cell
    leads to its people (``counted.level_changes``)."""
    moves = {
        (Level(old), Level(new)): len(users)
        for (old, new), users in counted.level_changes(community, period).items()
    }
    # Only the levels people left and reached, so the table stays small.
    sources = [level for level in FLOW_ORDER if any(old == level for old, _new in moves)]
    targets = [level for level in FLOW_ORDER if any(new == level for _old, new in moves)]
    return {
        "columns": [level.label for level in targets],
        "rows": [
            {
                "label": old.label,
                "cells": [
                    {"n": moves.get((old, new), 0), "query": f"from={old}&to={new}"}
                    for new in targets
                ],
            }
            for old in sources
        ],
        "total": sum(moves.values()),
    }


def concentration(community: Community, period: Period) -> dict:
    """The share of contributions made by the top 10 % of contributors, and how few people
    do half the work."""
    # Whole weeks from the people's weeks, days only at the period's edges.
    per_person = sorted(counted.contributions(community, period).values())
    per_person.reverse()
    total = sum(per_person)
    if not total:
        return {"contributors": 0, "top": 0, "top_share": None, "half": 0}
    top = ceil(len(per_person) / 10)
    half, running = 0, 0
    for n in per_person:
        half += 1
        running += n
        if running * 2 >= total:
            break
    return {
        "contributors": len(per_person),
        "top": top,
        "top_share": round(100 * sum(per_person[:top]) / total),
        "half": half,
    }


def who_answers(community: Community, period: Period) -> dict:
    """The five people with most accepted answers, and the five who replied most."""
    in_period = LedgerDay.objects.filter(
        community=community, day__gte=period.start, day__lte=period.end, actor__isnull=False
    )
    found = {}
    for name, verb in (("accepted", Verb.ANSWER_ACCEPTED), ("replies", Verb.REPLIED)):
        found[name] = [
            {**_person(row), "count": row["n"]}
            for row in in_period.filter(verb=verb)
            .values("actor", "actor__username", "actor__display_name", "actor__is_active")
            .annotate(n=Sum("count"))
            .order_by("-n", "actor__username")[:5]
        ]
    return found


def lost_and_back(community: Community, period: Period) -> dict:
    """Regulars who went quiet, and people who came back after three months away: the
    rules are ``communities.counted``'s, which the members lists behind them use too."""
    order = ("user__display_name", "user__username")
    fields = ("user__username", "user__display_name", "user__is_active")
    lost = counted.went_quiet(community, period).order_by(*order).values(*fields)
    back = counted.came_back(community, period).order_by(*order).values(*fields)
    lost_rows, back_rows = _first_names(lost), _first_names(back)
    return {
        "lost": [_person(row, "user__") for row in lost_rows],
        "lost_count": lost_rows[0]["total"] if lost_rows else 0,
        "back": [_person(row, "user__") for row in back_rows],
        "back_count": back_rows[0]["total"] if back_rows else 0,
    }


def _first_names(rows) -> list[dict]:
    """The first few rows and, on each, how many there are in all: one query, not two."""
    return list(rows.annotate(total=Window(Count("pk")))[:NAMES])

from django.db.models import Count

from communities.models import Community
from core.period import Period
from insights.models import ValueStory
from insights.permissions import visible_stories


def latest_value_stories(community: Community, *, viewer, limit: int = 3):
    return visible_stories(viewer, community, stories(community))[:limit]


def stories(community: Community, *, period: Period | None = None, kind: str = ""):
    """The community's stories, newest first: those a figure counts, and the list behind it."""
    found = ValueStory.objects.filter(community=community)
    if period is not None:
        found = found.filter(created_at__gte=period.since, created_at__lt=period.until)
    if kind:
        found = found.filter(kind=kind)
    return found.select_related("author")


def stories_in_period(community: Community, period: Period) -> tuple[list, list]:
    """The period's stories (the latest twenty) and how many of each kind of value."""
    in_period = stories(community, period=period)
    by_kind = dict(
        in_period.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    kinds = [
        (value, str(label).split(" —")[0], by_kind.get(value, 0))
        for value, label in ValueStory.Kind.choices
    ]
    return list(in_period[:20]), kinds

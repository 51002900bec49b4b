from django.db.models import Count

from communities.models import Community
from insights.dashboard.period import Period
from insights.models import ValueStory


def latest_value_stories(community: Community, limit: int = 3):
    return ValueStory.objects.filter(community=community).select_related("author")[:limit]


def stories_in_period(community: Community, period: Period) -> tuple[list, list]:
    """The period's stories (the latest twenty) and how many of each kind of value."""
    in_period = ValueStory.objects.filter(
        community=community, created_at__gte=period.since, created_at__lt=period.until
    )
    by_kind = dict(in_period.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    kinds = [
        (value, str(label).split(" —")[0], by_kind.get(value, 0))
        for value, label in ValueStory.Kind.choices
    ]
    return list(in_period.select_related("author")[:20]), kinds

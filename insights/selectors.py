from communities.models import Community
from insights.models import ValueStory


def latest_value_stories(community: Community, limit: int = 3):
    return ValueStory.objects.filter(community=community).select_related("author")[:limit]

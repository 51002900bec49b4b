"""Who may read which value stories: everyone who may view the community reads its
stories, except those told about something only its members may open."""

from django.db.models import QuerySet

from communities import permissions
from communities.models import Community


def visible_stories(user, community: Community, stories: QuerySet) -> QuerySet:
    if permissions.is_member(user, community):
        return stories
    return stories.filter(members_only=False)

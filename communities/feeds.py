"""Atom feed of a community's public activity, read from the ledger."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger import addresses
from communities.models import Activity, Community

FEED_VERBS = [
    Activity.Verb.THREAD_STARTED,
    Activity.Verb.REPLIED,
    Activity.Verb.ANSWER_ACCEPTED,
    Activity.Verb.ASSET_PUBLISHED,
    Activity.Verb.ASSET_VERSIONED,
    Activity.Verb.COMMUNITY_CREATED,
]


class CommunityActivityFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug: str) -> Community:
        # Feed readers are anonymous: the feed shows what the policies let anyone see, so
        # only public communities have one (others 404), and only rows anyone may read.
        return permissions.get_visible_community_or_404(None, slug)

    def title(self, community: Community) -> str:
        return _("%(name)s — recent activity") % {"name": community.name}

    def link(self, community: Community) -> str:
        return community.get_absolute_url()

    def subtitle(self, community: Community) -> str:
        return community.tagline

    def items(self, community: Community):
        rows = Activity.objects.filter(community=community, verb__in=FEED_VERBS)
        found = addresses.with_urls(
            permissions.visible_activity(None, rows)
            .select_related("actor")
            .order_by("-created_at", "-id")[:30]
        )
        for row in found:  # an entry needs a link: one whose target is gone leads home
            row.url = row.url or community.get_absolute_url()
        return found

    def item_title(self, item: Activity) -> str:
        who = item.actor.name if item.actor else _("Someone")
        return f"{who} {item.get_verb_display()}: {item.title}"

    def item_description(self, item: Activity) -> str:
        # Atom writes this as <summary type="html">: readers render it as markup, so a
        # title is escaped once more to arrive there as text.
        return escape(item.title)

    def item_link(self, item: Activity) -> str:
        return item.url

    def item_guid(self, item: Activity) -> str:
        return f"activity-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Activity):
        return item.created_at

    def item_author_name(self, item: Activity) -> str:
        return item.actor.name if item.actor else ""

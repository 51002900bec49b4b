from urllib.parse import urlencode

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.vocabulary import BehaviourCode, Target


class InsightsConfig(AppConfig):
    """What a community learns about itself: the dashboard, the knowledge map, value stories."""

    name = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from core import targets
        from insights import addresses

        targets.register(Target.GAP, addresses.gap_urls)
        targets.register(Target.VALUE_STORY, addresses.story_urls)

    def thread_actions(self, *, thread, user, behaviour_codes: frozenset[str]) -> list:
        """A mapping-knowledge thread can put what it found missing in the gap register.

        The thread arrives duck-typed, so this app never imports discussions; no query
        beyond the membership lookup, which the thread page has already cached.
        """
        from communities import permissions
        from core.extensions import ThreadAction

        community = thread.community
        if (
            BehaviourCode.MAPPING_KNOWLEDGE not in behaviour_codes
            or not permissions.can_post_in_community(user, community)
        ):
            return []
        url = reverse("insights:knowledge", kwargs={"slug": community.slug})
        return [
            ThreadAction(
                label=gettext("Register a gap"),
                url=f"{url}?{urlencode({'from': thread.get_absolute_url()})}#raise",
                explanation=gettext("Add what this thread found missing to the gap register."),
            )
        ]

    def community_panels(self, *, community, user, membership) -> list:
        """The latest value stories, at the foot of the community home's side column."""
        from core.extensions import Panel
        from insights.selectors import latest_value_stories

        return [
            Panel(
                template="insights/_partials/home_stories.html",
                context={"stories": latest_value_stories(community, viewer=user)},
                place=Panel.ASIDE_END,
            )
        ]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = _("Guidance")

    def community_panels(self, *, community, user, membership) -> list:
        from guidance.panels import community_panels

        return community_panels(community=community, user=user, membership=membership)

    def search_sections(self, *, query: str, user) -> list:
        from core.extensions import Panel
        from guidance.help_topics import matching

        topics = matching(query)
        return [Panel("guidance/_partials/help_results.html", {"topics": topics})] if topics else []

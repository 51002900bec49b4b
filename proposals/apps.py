from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def community_panels(self, *, community, user, membership) -> list:
        from proposals.panels import community_panels

        return community_panels(community=community)

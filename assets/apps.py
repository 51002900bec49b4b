from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssetsConfig(AppConfig):
    name = "assets"
    verbose_name = _("Assets")

    def ready(self) -> None:
        from assets import addresses
        from core import targets
        from core.vocabulary import Target

        targets.register(Target.ASSET, addresses.asset_urls, shown=addresses.asset_standing)

    def thread_actions(self, *, thread, user, behaviour_codes: frozenset[str]) -> list:
        from assets.thread_hooks import thread_actions

        return thread_actions(thread=thread, user=user, behaviour_codes=behaviour_codes)

    def thread_panels(self, *, thread, user, behaviour_codes: frozenset[str]) -> list:
        from assets.thread_hooks import thread_panels

        return thread_panels(thread=thread, user=user, behaviour_codes=behaviour_codes)

    def search_sections(self, *, query: str, user) -> list:
        from assets.selectors import search
        from core.extensions import Panel

        found = search(user, query)
        return [Panel("assets/_partials/search_results.html", {"assets": found})] if found else []

    def dashboard_panels(self, *, community, period, user) -> list:
        """Where this community's assets were adapted into other communities."""
        from assets.selectors import reuse_beyond
        from core.extensions import Panel

        return [
            Panel(
                "assets/_partials/dashboard_reuse_beyond.html",
                {"beyond": reuse_beyond(community=community, period=period, user=user)},
            )
        ]

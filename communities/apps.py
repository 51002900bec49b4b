from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from communities.permissions import holds_guest_pass
        from core import page_cache

        # A guest pass ends with time, not with a write: a guest's pages are never kept.
        page_cache.never_keep_pages_for(holds_guest_pass)

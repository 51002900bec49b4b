from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from accounts.signals import account_closed
        from communities import addresses
        from communities.permissions import holds_guest_pass
        from communities.services.guests import end_guest_passes_of
        from core import page_cache, targets
        from core.vocabulary import Target

        account_closed.connect(end_guest_passes_of, dispatch_uid="communities-guest-passes")

        # A guest pass ends with time, not with a write: a guest's pages are never kept.
        page_cache.never_keep_pages_for(holds_guest_pass)
        targets.register(Target.COMMUNITY, addresses.community_urls)
        targets.register(Target.MEMBERSHIP, addresses.membership_urls)
        targets.register(Target.USER, addresses.user_urls)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "digests"
    verbose_name = _("Digests")

    def unsubscribe_scopes(self) -> dict:
        from digests.services import unsubscribe_from_community_digest

        return {"digest": unsubscribe_from_community_digest}

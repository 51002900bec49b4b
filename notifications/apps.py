from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def unsubscribe_scopes(self) -> dict:
        from notifications.services import unsubscribe_from_digest, unsubscribe_from_kind

        return {"notify": unsubscribe_from_kind, "notify-digest": unsubscribe_from_digest}

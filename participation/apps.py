from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    """Participation levels earned from the ledger, and why each person is where they are."""

    name = "participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from communities.ledger.signals import activity_recorded
        from participation import services

        activity_recorded.connect(services.activity_recorded, dispatch_uid="levels")

    def member_panels(self, *, community, user, membership) -> list:
        """On the members page, a member's own level explained."""
        from core.extensions import Panel
        from participation.selectors import why_my_level

        if membership is None:
            return []
        return [Panel(template="participation/my_level.html", context=why_my_level(membership))]

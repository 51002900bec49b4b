from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")

    def thread_actions(self, *, thread, user, behaviour_codes):
        """A mapping-knowledge thread can put a gap in the register (members only)."""
        from django.urls import reverse

        from copsite.extensions import ThreadAction

        from . import permissions

        if "mapping-knowledge" not in behaviour_codes:
            return []
        if not permissions.can_post_in_community(user, thread.community):
            return []
        url = reverse("communities:knowledge", kwargs={"slug": thread.community.slug})
        return [
            ThreadAction(
                label=_("Register a gap"),
                url=f"{url}?from={thread.get_absolute_url()}#raise",
                explanation=_("Add what this thread found missing to the gap register."),
            )
        ]

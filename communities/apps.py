from urllib.parse import urlencode

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MAPPING_KNOWLEDGE = "mapping-knowledge"


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")

    def thread_actions(self, *, thread, user, behaviour_codes: frozenset[str]) -> list:
        """What a thread's behaviours let it become here: a gap in the knowledge map
        (members raise it).

        The thread arrives duck-typed, so this app never imports discussions; no query
        beyond the membership lookup, which the thread page has already cached.
        """
        from communities import permissions
        from core.extensions import ThreadAction

        community = thread.community
        actions = []
        if MAPPING_KNOWLEDGE in behaviour_codes and permissions.can_post_in_community(
            user, community
        ):
            url = reverse("communities:knowledge", kwargs={"slug": community.slug})
            actions.append(
                ThreadAction(
                    label=gettext("Register a gap"),
                    url=f"{url}?{urlencode({'from': thread.get_absolute_url()})}#raise",
                    explanation=gettext("Add what this thread found missing to the gap register."),
                )
            )
        return actions

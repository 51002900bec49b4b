from urllib.parse import urlencode

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VISITS = "visits"
MAPPING_KNOWLEDGE = "mapping-knowledge"


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from communities.ledger.signals import activity_recorded
        from communities.services import participation

        activity_recorded.connect(participation.activity_recorded, dispatch_uid="levels")

    def thread_actions(self, *, thread, user, behaviour_codes: frozenset[str]) -> list:
        """What a thread's behaviours let it become here: a visit on the calendar (gardeners
        schedule it), a gap in the knowledge map (members raise it).

        The thread arrives duck-typed, so this app never imports discussions; no query
        beyond the membership lookup, which the thread page has already cached.
        """
        from communities import permissions
        from core.extensions import ThreadAction

        community = thread.community
        actions = []
        if VISITS in behaviour_codes and permissions.can_create_meeting(user, community):
            query = urlencode(
                {"kind": "visit", "title": thread.title[:160], "thread": thread.get_absolute_url()}
            )
            url = reverse("communities:meeting_new", kwargs={"slug": community.slug})
            actions.append(
                ThreadAction(
                    label=gettext("Propose a visit"),
                    url=f"{url}?{query}",
                    explanation=gettext(
                        "Put the visit on the community's calendar, linked to this thread."
                    ),
                )
            )
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

    def unsubscribe_scopes(self) -> dict:
        return {"reminders": _stop_reminders}


def _stop_reminders(user, scope: str) -> str:
    from communities.services.meetings import turn_off_reminders

    turn_off_reminders(user=user)
    return gettext(
        "Meeting reminders are off. You can turn them on again in your calendar settings."
    )

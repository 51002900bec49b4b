from urllib.parse import urlencode

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

VISITS = "visits"


class CommunitiesConfig(AppConfig):
    name = "communities"
    verbose_name = _("Communities")

    def thread_actions(self, *, thread, user, behaviour_codes: frozenset[str]) -> list:
        """A thread about visits can become a visit on the calendar (gardeners schedule it).

        The thread arrives duck-typed, so this app never imports discussions; no query
        beyond the membership lookup, which the thread page has already cached.
        """
        from copsite.extensions import ThreadAction

        from . import permissions

        community = thread.community
        if VISITS not in behaviour_codes or not permissions.can_create_meeting(user, community):
            return []
        query = urlencode(
            {"kind": "visit", "title": thread.title[:160], "thread": thread.get_absolute_url()}
        )
        url = reverse("communities:meeting_new", kwargs={"slug": community.slug})
        return [
            ThreadAction(
                label=gettext("Propose a visit"),
                url=f"{url}?{query}",
                explanation=gettext(
                    "Put the visit on the community's calendar, linked to this thread."
                ),
            )
        ]

    def unsubscribe_scopes(self) -> dict:
        return {"reminders": _stop_reminders}


def _stop_reminders(user, scope: str) -> str:
    from .services.meetings import turn_off_reminders

    turn_off_reminders(user=user)
    return gettext(
        "Meeting reminders are off. You can turn them on again in your calendar settings."
    )

from urllib.parse import urlencode

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.vocabulary import BehaviourCode, Target


class RhythmConfig(AppConfig):
    """Meetings: the community's rhythm, its calendars and reminders."""

    name = "rhythm"
    verbose_name = _("Rhythm")

    def ready(self) -> None:
        from accounts.signals import account_closed
        from core import targets
        from rhythm import addresses
        from rhythm.services import revoke_calendar_tokens_of

        account_closed.connect(revoke_calendar_tokens_of, dispatch_uid="rhythm-calendar-tokens")
        targets.register(Target.MEETING, addresses.meeting_urls, shown=addresses.meeting_standing)
        targets.register(
            Target.MEETING_OCCURRENCE,
            addresses.occurrence_urls,
            shown=addresses.occurrence_standing,
        )

    def thread_actions(self, *, thread, user, behaviour_codes: frozenset[str]) -> list:
        """A thread about visits can put one on the calendar (gardeners schedule it).

        The thread arrives duck-typed; no query beyond the cached membership lookup.
        """
        from core.extensions import ThreadAction
        from rhythm import permissions

        community = thread.community
        if BehaviourCode.VISITS not in behaviour_codes or not permissions.can_create_meeting(
            user, community
        ):
            return []
        query = urlencode(
            {"kind": "visit", "title": thread.title[:160], "thread": thread.get_absolute_url()}
        )
        url = reverse("rhythm:meeting_new", kwargs={"slug": community.slug})
        return [
            ThreadAction(
                label=gettext("Propose a visit"),
                url=f"{url}?{query}",
                explanation=gettext(
                    "Put the visit on the community's calendar, linked to this thread."
                ),
            )
        ]

    def community_panels(self, *, community, user, membership) -> list:
        """The next meeting, at the top of the community home's side column."""
        from core.extensions import Panel
        from rhythm import occurrences

        return [
            Panel(
                template="rhythm/_partials/next_meeting.html",
                context={"next_meeting": occurrences.next_meeting(community, viewer=user)},
                place=Panel.ASIDE_START,
            )
        ]

    def unsubscribe_scopes(self) -> dict:
        return {"reminders": _stop_reminders}


def _stop_reminders(user, scope: str) -> str:
    from rhythm.services import turn_off_reminders

    turn_off_reminders(user=user)
    return gettext(
        "Meeting reminders are off. You can turn them on again in your calendar settings."
    )

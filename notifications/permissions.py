"""Who sees which notification: the ``notifications`` policy.

A notification is its recipient's, and only while they may still read what it is about.
Each row copies its thread's community, members-only and hidden flags (kept in step by
moderation and moves), so the thread's own rule (``readable_conversation``, the rule of
``discussions.permissions.threads``) runs on this one table: a private community they
left, a thread now for members only or hidden, and a hidden post all drop out.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from communities.models import GuestPass
from communities.standing import StandingIn, StandingRows, readable_conversation, standings
from core.policies import NEVER, Policy, Truth
from notifications.models import Notification

THREAD = GuestPass.Target.THREAD


@dataclass(frozen=True)
class NotificationFacts:
    own: Any  # the viewer is its recipient
    post_shown: Any  # the post it is about is not hidden
    standing: Any  # the viewer in the thread's community
    open_to_all: Any  # the thread is not for members only
    shown: Any  # the thread is not hidden
    guest: Any  # the viewer holds a guest pass to the thread


class NotificationPolicy(Policy[Notification]):
    model = Notification
    not_found = "No such notification."

    def rule(self, facts: NotificationFacts) -> Any:
        thread_readable = readable_conversation(
            facts.standing, open_to_all=facts.open_to_all, shown=facts.shown, guest=facts.guest
        )
        return facts.own & facts.post_shown & thread_readable

    def row_facts(self, user) -> NotificationFacts:
        standing = StandingRows(user)
        signed_in = user is not None and user.is_authenticated
        return NotificationFacts(
            own=Q(recipient=user) if signed_in else NEVER,
            post_shown=Q(post_hidden=False),
            standing=standing,
            open_to_all=Q(members_only=False),
            shown=Q(hidden=False),
            guest=standing.guest(THREAD, "thread_id"),
        )

    def object_facts(self, user, notification: Notification) -> NotificationFacts:
        standing = StandingIn(user, notification.community)
        return NotificationFacts(
            own=Truth(lambda: user.is_authenticated and notification.recipient_id == user.pk),
            post_shown=Truth(not notification.post_hidden),
            standing=standing,
            open_to_all=Truth(not notification.members_only),
            shown=Truth(not notification.hidden),
            guest=standing.guest(THREAD, notification.thread_id),
        )

    def readers(self, thread, user_ids) -> set[int]:
        """Of these people, those who may read this thread and so may be told of it: the
        thread rule for many people at once, in two queries. ``thread`` is duck-typed
        (``.pk``, ``.community``, ``.members_only``, ``.hidden``): no import of discussions."""
        known = standings(thread.community, user_ids, target_type=THREAD, target_id=thread.pk)
        open_to_all, shown = Truth(not thread.members_only), Truth(not thread.hidden)
        return {
            user_id
            for user_id, standing in known.items()
            if readable_conversation(
                standing,
                open_to_all=open_to_all,
                shown=shown,
                guest=standing.guest(THREAD, thread.pk),
            )
        }

    def can_mark_read(self, user, notification: Notification) -> bool:
        """Opening it, or marking it read, is for the one who may see it."""
        return self.can_view(user, notification)


notifications = NotificationPolicy()

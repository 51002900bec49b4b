"""Telling members what happened: a reply, a mention, an accepted answer, a followed behaviour.

Discussions calls these with its thread and post objects (duck-typed: this app never imports
discussions). Each person hears of one event once, never of their own action, and never of
something they cannot read.
"""

import html
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from communities import permissions
from communities.models import Community, Membership
from core.errors import ActionError
from notifications.models import (
    DEFAULT_DELIVERY,
    BehaviourFollow,
    Delivery,
    EmailPreference,
    Kind,
    Notification,
)
from notifications.permissions import notifications as notification_policy
from notifications.tasks import send_notification_email

EXCERPT_LENGTH = 280
# When one post is several events for a person, they hear of the most personal one.
PRIORITY = POST_KINDS = [Kind.MENTION, Kind.REPLY, Kind.FOLLOWED]


def _excerpt(post) -> str:
    """Plain words from the rendered post (no Markdown marks, nothing executable)."""
    text = " ".join(html.unescape(strip_tags(post.body_html)).split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1] + "…"


def _deliveries(user_ids: Iterable[int], kinds: Iterable[str]) -> dict[tuple[int, str], str]:
    chosen = EmailPreference.objects.filter(user_id__in=list(user_ids), kind__in=list(kinds))
    return {(p.user_id, p.kind): p.delivery for p in chosen}


def _create(*, thread, post, actor, kinds: dict[int, str]) -> list[Notification]:
    """Write one notification per person (already deduplicated) and queue immediate emails."""
    if not kinds or post.hidden:
        return []
    active = set(
        get_user_model()
        .objects.filter(pk__in=list(kinds), is_active=True)
        .values_list("pk", flat=True)
    )
    readers = notification_policy.readers(thread, active)
    # An edit may mention someone already told about this post: once is enough. An accepted
    # answer is news of its own, even about a post its author heard of before.
    same_event = [Kind.ACCEPTED] if set(kinds.values()) == {Kind.ACCEPTED} else POST_KINDS
    already = set(
        Notification.objects.filter(
            post_id=post.pk, recipient_id__in=readers, kind__in=same_event
        ).values_list("recipient_id", flat=True)
    )
    recipients = sorted(readers - already)
    if not recipients:
        return []
    chosen = _deliveries(recipients, set(kinds.values()))
    now = timezone.now()
    rows = [
        Notification(
            recipient_id=user_id,
            kind=kinds[user_id],
            actor=actor,
            community=thread.community,
            thread_id=thread.pk,
            post_id=post.pk,
            title=thread.title[:200],
            excerpt=_excerpt(post),
            url=post.get_absolute_url(),
            members_only=thread.members_only,
            hidden=thread.hidden,
            email=chosen.get((user_id, kinds[user_id]), DEFAULT_DELIVERY[kinds[user_id]]),
            created_at=now,
        )
        for user_id in recipients
    ]
    with transaction.atomic():
        # A concurrent retry of the same event hits the unique constraint and adds nothing.
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        immediate = Notification.objects.filter(
            post_id=post.pk,
            recipient_id__in=recipients,
            email=Delivery.IMMEDIATELY,
            emailed_at=None,
        ).values_list("pk", flat=True)
        for pk in immediate:
            send_notification_email.delay_on_commit(pk)
    return list(Notification.objects.filter(post_id=post.pk, recipient_id__in=recipients))


def notify_new_post(
    *,
    thread,
    post,
    actor,
    mentioned_user_ids: Iterable[int] = (),
    behaviour_codes: Iterable[str] = (),
) -> list[Notification]:
    """A post was written: a new thread (number 1) or a reply, possibly mentioning people.

    The thread's author hears of a reply; mentioned people of the mention; followers of the
    thread's behaviours in its community of a new thread.
    """
    candidates: dict[int, set[str]] = {}
    if post.number == 1:
        codes = list(set(behaviour_codes))
        # Someone who left keeps their follow row, but only members hear of new threads.
        members = Membership.objects.filter(community_id=thread.community_id).values("user_id")
        followers = BehaviourFollow.objects.filter(
            community_id=thread.community_id, behaviour_code__in=codes, user_id__in=members
        ).values_list("user_id", flat=True)
        for user_id in followers:
            candidates.setdefault(user_id, set()).add(Kind.FOLLOWED)
    elif thread.author_id:
        candidates.setdefault(thread.author_id, set()).add(Kind.REPLY)
    for user_id in mentioned_user_ids:
        candidates.setdefault(user_id, set()).add(Kind.MENTION)
    candidates.pop(getattr(actor, "pk", None), None)  # never of one's own action
    kinds = {
        user_id: next(kind for kind in PRIORITY if kind in found)
        for user_id, found in candidates.items()
    }
    return _create(thread=thread, post=post, actor=actor, kinds=kinds)


def notify_mentions(*, thread, post, actor, mentioned_user_ids: Iterable[int]) -> list:
    """An edit mentioned people: each hears of it once (the post may have told them already)."""
    kinds = {user_id: Kind.MENTION for user_id in mentioned_user_ids}
    kinds.pop(getattr(actor, "pk", None), None)
    return _create(thread=thread, post=post, actor=actor, kinds=kinds)


def notify_answer_accepted(*, thread, post, actor) -> list[Notification]:
    """The person whose reply was accepted as the answer hears of it (unless they did it)."""
    if not post.author_id or post.author_id == getattr(actor, "pk", None):
        return []
    return _create(thread=thread, post=post, actor=actor, kinds={post.author_id: Kind.ACCEPTED})


# --- keeping notifications in step with moderation -------------------------------------


def set_post_notifications_hidden(*, post_id: int, hidden: bool) -> int:
    return Notification.objects.filter(post_id=post_id).update(post_hidden=hidden)


def set_thread_notifications_hidden(*, thread_id: int, hidden: bool) -> int:
    return Notification.objects.filter(thread_id=thread_id).update(hidden=hidden)


def move_thread_notifications(
    *, thread_id: int, to: Community, members_only: bool, old_url: str, new_url: str
) -> int:
    """A thread moved: its notifications follow it, with the new community's visibility."""
    return Notification.objects.filter(thread_id=thread_id).update(
        community=to,
        members_only=members_only,
        url=Replace("url", Value(old_url), Value(new_url)),
    )


# --- reading -----------------------------------------------------------------------------


def mark_notification_read(*, user, notification_id: int) -> Notification:
    notification = notification_policy.visible(user).filter(pk=notification_id).first()
    if notification is None:
        raise ActionError(_("No such notification."), status=404)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at=None).update(
            read_at=notification.read_at
        )
    return notification


def mark_all_notifications_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at=None).update(read_at=timezone.now())


# --- preferences and follows -------------------------------------------------------------


def email_preferences(user) -> dict[str, str]:
    """Every kind with the member's choice, or the default where they never chose."""
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, DEFAULT_DELIVERY[kind]) for kind in Kind.values}


def set_email_preference(*, user, kind: str, delivery: str) -> None:
    """Choose how one kind reaches this member by email; what is still waiting follows it."""
    if kind not in Kind.values:
        raise ActionError(_("Unknown kind of notification."))
    if delivery not in Delivery.values:
        raise ActionError(_("Choose at once, in the digest, or no email."), field=kind)
    with transaction.atomic():
        EmailPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"delivery": delivery}
        )
        # Not yet emailed: an immediate email still queued then finds it changed and stops.
        Notification.objects.filter(recipient=user, kind=kind, emailed_at=None).exclude(
            email=delivery
        ).update(email=delivery)


def unsubscribe_from_kind(user, scope: str) -> str:
    """One-click unsubscribe for "notify:<kind>" (or "notify" for every kind)."""
    kind = scope.partition(":")[2]
    kinds = [kind] if kind in Kind.values else Kind.values
    for each in kinds:
        set_email_preference(user=user, kind=each, delivery=Delivery.OFF)
    if len(kinds) == 1:
        return _("You will get no more emails about: %(kind)s.") % {
            "kind": Kind(kind).label.lower()
        }
    return _("You will get no more notification emails.")


def unsubscribe_from_digest(user, scope: str) -> str:
    """One-click unsubscribe for "notify-digest": every kind now in the digest goes off."""
    for kind, delivery in email_preferences(user).items():
        if delivery == Delivery.DIGEST:
            set_email_preference(user=user, kind=kind, delivery=Delivery.OFF)
    return _("You will get no more digest emails.")


def follow_behaviour(*, user, community: Community, behaviour_code: str, follow: bool) -> bool:
    """Follow (or stop following) one behaviour in a community. Returns whether followed now.

    The caller checks that the code names a behaviour of that community.
    """
    if not permissions.is_member(user, community):
        raise ActionError(_("Join the community to follow its threads."), status=403)
    if follow:
        BehaviourFollow.objects.get_or_create(
            user=user, community=community, behaviour_code=behaviour_code
        )
    else:
        BehaviourFollow.objects.filter(
            user=user, community=community, behaviour_code=behaviour_code
        ).delete()
    return follow

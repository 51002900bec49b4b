"""Moderation actions (services): flags from members, and what gardeners do about them.

Nothing is deleted: hiding keeps the content, and every action lands in the audit log.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger import changes
from communities.models import Activity, Community, Membership
from communities.models.choices import Role
from core.errors import ActionError
from core.vocabulary import Target
from discussions.models import Flag, ModerationAction, Post, Thread
from discussions.permissions import posts as post_policy
from discussions.permissions import threads as thread_policy
from discussions.selectors import behaviours_for
from discussions.services import record_post_activity
from notifications import services as notifications

Kind = ModerationAction.Kind

# Thread switches a gardener can flip: field name and the log entries for on / off.
THREAD_SWITCHES = {
    "locked": (Kind.LOCK, Kind.UNLOCK),
    "pinned": (Kind.PIN, Kind.UNPIN),
    "hidden": (Kind.HIDE_THREAD, Kind.UNHIDE_THREAD),
}


def _require_moderator(actor, thread: Thread) -> None:
    """Not found for who cannot see the thread; refused for who sees it but does not garden."""
    if not thread_policy.can_view(actor, thread):
        raise ActionError(_("No such thread."), status=404)
    if not thread_policy.can_moderate(actor, thread):
        raise ActionError(_("Only gardeners can moderate."), status=403)


def _require_gardener(actor, community: Community) -> None:
    if not permissions.can_view_community(actor, community):
        raise ActionError(_("No such community."), status=404)
    if not permissions.can_moderate_community(actor, community):
        raise ActionError(_("Only gardeners can moderate."), status=403)


def _log(
    *,
    actor,
    kind: str,
    thread: Thread | None = None,
    post: Post | None = None,
    member=None,
    community=None,
    note: str = "",
) -> None:
    ModerationAction.objects.create(
        community=community or thread.community,
        actor=actor,
        kind=kind,
        thread=thread,
        post=post,
        member=member,
        note=note[:500],
    )


def _republish(thread: Thread, *, post: Post | None = None) -> None:
    """Keep the ledger's public flag in step, so feeds and activity lists drop hidden content."""
    if post is not None:
        changes.republish(Activity.objects.filter(target_type=Target.POST, target_id=post.pk))
        return
    changes.republish(Activity.objects.filter(thread_id=thread.pk))


def flag_post(*, member, post: Post, reason: str, note: str = "") -> Flag:
    if not post_policy.can_view(member, post):
        raise ActionError(_("No such post."), status=404)
    if not post_policy.can_flag(member, post):
        raise ActionError(_("Only members can flag posts, and not their own."), status=403)
    if reason not in Flag.Reason.values:
        raise ActionError(_("Choose a reason."), field="reason")
    if len(note) > 500:
        raise ActionError(_("Keep the note under 500 characters."), field="note")
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, flagged_by=member, reason=reason, note=note)
    except IntegrityError as exc:
        raise ActionError(_("You have already flagged this post; a gardener will look.")) from exc


def _close_flags(*, actor, post: Post) -> int:
    """Resolve the post's open flags; the gardener's care counts in the (private) ledger."""
    closed = Flag.objects.filter(post=post, resolved_at=None).update(
        resolved_at=timezone.now(), resolved_by=actor
    )
    if closed:
        record_post_activity(
            post.thread, post, actor=actor, verb=Activity.Verb.FLAG_RESOLVED, public=False
        )
    return closed


def set_post_hidden(*, actor, post: Post, hidden: bool, note: str = "") -> Post:
    thread = post.thread
    _require_moderator(actor, thread)
    if post.number == 1 and hidden:
        raise ActionError(_("To hide the opening post, hide the whole thread."))
    if post.hidden == hidden:
        return post
    with transaction.atomic():
        post.hidden = hidden
        post.save(update_fields=["hidden"])
        # A hidden post cannot stand as the answer; the filter reads the row, not a stale copy.
        if hidden and Thread.objects.filter(pk=thread.pk, accepted_answer=post).update(
            accepted_answer=None
        ):
            thread.accepted_answer = None
        _close_flags(actor=actor, post=post)
        _republish(thread, post=post)
        notifications.set_post_notifications_hidden(post_id=post.pk, hidden=hidden)
        _log(
            actor=actor,
            kind=Kind.HIDE_POST if hidden else Kind.UNHIDE_POST,
            thread=thread,
            post=post,
            note=note,
        )
    return post


def set_thread_switch(*, actor, thread: Thread, switch: str, on: bool, note: str = "") -> Thread:
    """Lock, pin or hide a thread (or undo it)."""
    _require_moderator(actor, thread)
    if switch not in THREAD_SWITCHES:
        raise ActionError(_("Unknown moderation action."))
    if getattr(thread, switch) == on:
        return thread
    on_kind, off_kind = THREAD_SWITCHES[switch]
    with transaction.atomic():
        setattr(thread, switch, on)
        thread.save(update_fields=[switch])
        if switch == "hidden":
            _republish(thread)
            notifications.set_thread_notifications_hidden(thread_id=thread.pk, hidden=on)
        _log(actor=actor, kind=on_kind if on else off_kind, thread=thread, note=note)
    return thread


def dismiss_flags(*, actor, post: Post, note: str = "") -> int:
    """The post is fine: close its open flags, keep it visible."""
    _require_moderator(actor, post.thread)
    with transaction.atomic():
        closed = _close_flags(actor=actor, post=post)
        if closed:
            _log(actor=actor, kind=Kind.DISMISS_FLAGS, thread=post.thread, post=post, note=note)
    return closed


MAX_SILENCE_DAYS = 90
MAX_SLOW_MODE_SECONDS = 24 * 60 * 60


def silence_member(*, actor, membership: Membership, days: int, note: str = "") -> Membership:
    """The member can read but not post in this community for ``days`` days (0 lifts it)."""
    community = membership.community
    _require_gardener(actor, community)
    if membership.user_id == actor.pk:
        raise ActionError(_("You cannot silence yourself."))
    if membership.role == Role.GARDENER:
        raise ActionError(_("Gardeners cannot be silenced; change their role first."))
    if not 0 <= days <= MAX_SILENCE_DAYS:
        raise ActionError(
            _("Choose between 0 and %(max)s days.") % {"max": MAX_SILENCE_DAYS}, field="days"
        )
    until = timezone.now() + timedelta(days=days) if days else None
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(silenced_until=until)
        membership.silenced_until = until
        _log(
            actor=actor,
            kind=Kind.SILENCE if days else Kind.UNSILENCE,
            community=community,
            member=membership.user,
            note=note,
        )
    permissions.forget_memberships(membership.user)
    return membership


def set_slow_mode(*, actor, thread: Thread, seconds: int) -> Thread:
    _require_moderator(actor, thread)
    if not 0 <= seconds <= MAX_SLOW_MODE_SECONDS:
        raise ActionError(_("Choose a pause between 0 seconds and one day."), field="seconds")
    if thread.slow_mode_seconds == seconds:
        return thread
    with transaction.atomic():
        thread.slow_mode_seconds = seconds
        thread.save(update_fields=["slow_mode_seconds"])
        _log(actor=actor, kind=Kind.SLOW_MODE, thread=thread, note=f"{seconds} s")
    return thread


def move_thread(*, actor, thread: Thread, to: Community) -> Thread:
    """Move a thread to another community the gardener also gardens.

    Its ledger rows move with it, so the contributions count where the talk now lives.
    Behaviours the new community has not switched on are dropped; one must remain.
    """
    source = thread.community
    _require_moderator(actor, thread)
    if not permissions.can_moderate_community(actor, to):
        raise ActionError(_("You can only move threads to communities you garden."), field="to")
    if to.pk == source.pk:
        raise ActionError(_("The thread is already here."), field="to")
    allowed = {b.pk for b in behaviours_for(to)}
    kept = [b for b in thread.behaviours.all() if b.pk in allowed]
    if not kept:
        raise ActionError(_("None of this thread's behaviours is switched on there."), field="to")
    old_url = thread.get_absolute_url()
    with transaction.atomic():
        # What was said in private stays for members wherever the thread goes.
        thread.members_only = thread.members_only or not (
            thread.community.is_public and to.is_public
        )
        thread.community = to
        thread.save(update_fields=["community", "members_only"])
        notifications.move_thread_notifications(
            thread_id=thread.pk,
            to=to,
            members_only=thread.members_only,
            old_url=old_url,
            new_url=thread.get_absolute_url(),
        )
        thread.behaviours.set(kept)
        # Every row of the thread and its posts follows it, and so does its roll-up.
        changes.move_thread(thread_id=thread.pk, to=to)
        for community in (source, to):
            _log(
                actor=actor,
                kind=Kind.MOVE,
                thread=thread,
                community=community,
                note=f"{source.name} → {to.name}",
            )
    return thread

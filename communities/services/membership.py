from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions, tasks
from communities.ledger.record import activity_row, record_activity, record_row
from communities.models import Activity, Community, JoinRequest, Membership, MembershipChange
from communities.models.choices import JoinPolicy, Level, Role
from core.errors import ActionError
from core.vocabulary import Target


def start_history(membership: Membership, *, changed_by) -> None:
    """The first two steps of a trajectory: the role and level someone starts with."""
    MembershipChange.objects.bulk_create(
        [
            MembershipChange.of(
                membership,
                field=field,
                new_value=getattr(membership, field),
                cause=MembershipChange.Cause.JOINED,
                changed_by=changed_by,
            )
            for field in ("role", "level")
        ]
    )


def _add_member(*, community: Community, user, role: str, changed_by) -> Membership:
    """Create the membership, its first history rows and the ledger entry (inside a transaction)."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(community=community, user=user, role=role)
    except IntegrityError as exc:
        raise ActionError(_("You are already a member of this community.")) from exc
    start_history(membership, changed_by=changed_by)
    record_activity(
        community=community,
        actor=user,
        verb=Activity.Verb.JOINED,
        target_type=Target.MEMBERSHIP,
        target_id=membership.pk,
        title=user.name,
    )
    # However they got in, any request still waiting is now settled.
    JoinRequest.objects.filter(
        community=community, user=user, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.WITHDRAWN, decided_at=timezone.now())
    permissions.forget_memberships(user)
    return membership


def add_member(*, actor, community: Community, user, role: str = Role.MEMBER) -> Membership:
    """A gardener puts someone straight in who asked to be in before it existed
    (the supporters of a launched proposal); joins are ledgered like any other."""
    if not permissions.can_manage_community(actor, community):
        raise ActionError(_("Only gardeners can add members."), status=404)
    if role not in Role.values:
        raise ActionError(_("Choose a valid role."), field="role")
    with transaction.atomic():
        return _add_member(community=community, user=user, role=role, changed_by=actor)


def join_community(*, user, community: Community) -> Membership:
    """Join an open community."""
    if not permissions.can_view_community(user, community):
        raise ActionError(_("No such community."), status=404)
    if permissions.is_member(user, community):
        raise ActionError(_("You are already a member of this community."))
    if community.join_policy != JoinPolicy.OPEN:
        raise ActionError(
            _(
                "This community does not take members directly; "
                "ask to join or wait for an invitation."
            )
        )
    with transaction.atomic():
        return _add_member(community=community, user=user, role=Role.MEMBER, changed_by=user)


def request_to_join_community(*, user, community: Community, message: str = "") -> JoinRequest:
    if not permissions.can_view_community(user, community):
        raise ActionError(_("No such community."), status=404)
    if permissions.is_member(user, community):
        raise ActionError(_("You are already a member of this community."))
    if community.join_policy == JoinPolicy.OPEN:
        raise ActionError(_("This community is open: join it directly."))
    if community.join_policy == JoinPolicy.INVITE:
        raise ActionError(_("This community takes members by invitation only."))
    if len(message) > 1000:
        raise ActionError(_("Keep the note under 1,000 characters."), field="message")
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(
                community=community, user=user, message=message
            )
            tasks.notify_gardeners_of_request.delay_on_commit(join_request.pk)
    except IntegrityError as exc:
        raise ActionError(_("Your request is already waiting for a gardener.")) from exc
    return join_request


def withdraw_join_request(*, user, community: Community) -> None:
    updated = JoinRequest.objects.filter(
        community=community, user=user, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.WITHDRAWN, decided_at=timezone.now())
    if not updated:
        raise ActionError(_("You have no request waiting in this community."))


def decide_join_request(*, actor, join_request: JoinRequest, approve: bool) -> Membership | None:
    community = join_request.community
    if not permissions.can_manage_community(actor, community):
        raise ActionError(_("Only gardeners can decide requests."), status=404)
    with transaction.atomic():
        # Lock the row so two gardeners clicking at once decide it only once.
        locked = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if locked.status != JoinRequest.Status.PENDING:
            raise ActionError(_("This request has already been decided."))
        locked.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
        tasks.notify_request_decided.delay_on_commit(locked.pk)
        membership = None
        if (
            approve
            and not Membership.objects.filter(community=community, user=locked.user).exists()
        ):
            membership = _add_member(
                community=community, user=locked.user, role=Role.MEMBER, changed_by=actor
            )
    join_request.refresh_from_db()
    return membership


def _gardener_count(community: Community) -> int:
    return Membership.objects.filter(community=community, role=Role.GARDENER).count()


def _lock_community(community: Community) -> None:
    """Serialise role changes in one community, so two gardeners stepping down at once
    cannot both pass the "at least one gardener" check."""
    Community.objects.select_for_update().filter(pk=community.pk).first()


def leave_community(*, user, community: Community) -> None:
    with transaction.atomic():
        _lock_community(community)
        membership = Membership.objects.filter(community=community, user=user).first()
        if membership is None:
            raise ActionError(_("You are not a member of this community."))
        if membership.role == Role.GARDENER and _gardener_count(community) <= 1:
            raise ActionError(
                _("You are the only gardener. Make another member a gardener before you leave.")
            )
        MembershipChange.of(
            membership,
            field="role",
            old_value=membership.role,
            new_value="",
            cause=MembershipChange.Cause.LEFT,
            changed_by=user,
        ).save()
        membership.delete()  # the history rows stay: they carry the person and community
        record_activity(
            community=community,
            actor=user,
            verb=Activity.Verb.LEFT,
            target_type=Target.MEMBERSHIP,
            title=user.name,
        )
    permissions.forget_memberships(user)


def set_member_role(*, actor, membership: Membership, role: str) -> Membership:
    community = membership.community
    if not permissions.can_manage_community(actor, community):
        raise ActionError(_("Only gardeners can change roles."), status=404)
    if role not in Role.values:
        raise ActionError(_("Choose a valid role."), field="role")
    with transaction.atomic():
        _lock_community(community)
        permissions.forget_memberships(actor)
        if not permissions.can_manage_community(actor, community):  # re-read under the lock
            raise ActionError(_("Only gardeners can change roles."), status=404)
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.role == role:
            return locked
        if locked.role == Role.GARDENER and _gardener_count(community) <= 1:
            raise ActionError(
                _("A community always keeps at least one gardener. Name another gardener first.")
            )
        old = locked.role
        locked.role = role
        locked.save(update_fields=["role"])
        MembershipChange.of(
            locked,
            field="role",
            old_value=old,
            new_value=role,
            cause=MembershipChange.Cause.ROLE_CHANGE,
            changed_by=actor,
        ).save()
        record_activity(
            community=community,
            actor=locked.user,
            verb=Activity.Verb.ROLE_CHANGED,
            target_type=Target.MEMBERSHIP,
            target_id=locked.pk,
            title=locked.get_role_display(),
            is_public=False,
        )
    permissions.forget_memberships(locked.user)
    permissions.forget_memberships(actor)
    return locked


def level_change_rows(
    membership: Membership, *, old: str, new: str, cause: str, changed_by=None, reason: str = ""
) -> tuple[MembershipChange, Activity | None]:
    """The unsaved history row (and ledger row, if the level moved) for one level change.

    The one definition of what a level change leaves behind, shared by the single-member
    path below and the nightly bulk recompute.
    """
    change = MembershipChange.of(
        membership,
        field="level",
        old_value=old,
        new_value=new,
        cause=cause,
        reason=reason,
        changed_by=changed_by,
    )
    activity = None
    if old != new:
        activity = activity_row(
            community=membership.community,
            actor=membership.user,
            verb=Activity.Verb.LEVEL_CHANGED,
            target_type=Target.MEMBERSHIP,
            target_id=membership.pk,
            title=f"{old} → {new}",
            is_public=False,
        )
    return change, activity


def set_member_level(
    *, membership: Membership, level: str, cause: str, changed_by=None, reason: str = ""
) -> Membership:
    """Record a level change and its history row. Used by overrides and by computed levels."""
    if level not in Level.values:
        raise ActionError(_("Choose a valid level."), field="level")
    old = membership.level
    if cause == MembershipChange.Cause.COMPUTED and (old == level or membership.level_overridden):
        return membership  # nothing moved, or a gardener's override pins the level
    membership.level = level
    membership.save(update_fields=["level", "level_overridden", "level_override_reason"])
    change, activity = level_change_rows(
        membership, old=old, new=level, cause=cause, changed_by=changed_by, reason=reason
    )
    change.save()
    if activity is not None:
        record_row(activity)  # counted in the roll-ups like any other row
    return membership


def override_member_level(*, actor, membership: Membership, level: str, reason: str) -> Membership:
    """A gardener pins a member's level, with a reason, until the override is cleared."""
    if not permissions.can_manage_community(actor, membership.community):
        raise ActionError(_("Only gardeners can set levels."), status=404)
    reason = reason.strip()
    if not reason:
        raise ActionError(_("Say why you are setting this level."), field="reason")
    if len(reason) > 300:
        raise ActionError(_("Keep the reason under 300 characters."), field="reason")
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        locked.level_overridden = True
        locked.level_override_reason = reason
        return set_member_level(
            membership=locked,
            level=level,
            cause=MembershipChange.Cause.OVERRIDE,
            changed_by=actor,
            reason=reason,
        )


def clear_level_override(*, actor, membership: Membership) -> Membership:
    if not permissions.can_manage_community(actor, membership.community):
        raise ActionError(_("Only gardeners can set levels."), status=404)
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if not locked.level_overridden:
            raise ActionError(_("This member's level is not set by a gardener."))
        locked.level_overridden = False
        locked.level_override_reason = ""
        # The computed level takes over at the next recompute; history notes the release.
        return set_member_level(
            membership=locked,
            level=locked.level,
            cause=MembershipChange.Cause.OVERRIDE_CLEARED,
            changed_by=actor,
        )


VISIT_RESOLUTION = timedelta(hours=1)


def note_visit(*, membership: Membership | None) -> None:
    """Remember that the member opened a community page, to the hour, off the request path.

    A page view never writes to the database: at most once an hour per membership it queues
    ``store_visit``, and the cache's ``add`` keeps concurrent requests from queueing twice.
    """
    if membership is None:
        return
    now = timezone.now()
    if membership.last_visited_at and membership.last_visited_at > now - VISIT_RESOLUTION:
        return
    if not cache.add(f"visit-queued:{membership.pk}", True, VISIT_RESOLUTION.total_seconds()):
        return
    transaction.on_commit(lambda: tasks.store_visit.delay(membership.pk, now.isoformat()))
    membership.last_visited_at = now

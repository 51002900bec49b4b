"""Guests: an outsider invited into one thread or meeting, for a while, by a gardener."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.ledger.record import record_activity
from communities.models import Activity, Community, GuestPass, Membership
from communities.models.invitations import hash_token
from communities.services.invitations import _user_owns_email
from communities.tasks import send_guest_invitation_email
from core.errors import ActionError

DEFAULT_DAYS = 30
MAX_DAYS = 180


def _checked_guest(*, community: Community, email: str, days: int, message: str) -> str:
    """The invitation's address, normalised, once the address, length and note pass."""
    email = email.strip().lower()
    try:
        if len(email) > 254:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError as exc:
        raise ActionError(_("Enter a valid email address."), field="email") from exc
    if not 1 <= days <= MAX_DAYS:
        raise ActionError(_("Choose between 1 and %(max)s days.") % {"max": MAX_DAYS}, field="days")
    if len(message) > 1000:
        raise ActionError(_("Keep the note under 1,000 characters."), field="message")
    if Membership.objects.filter(community=community, user__email__iexact=email).exists():
        raise ActionError(
            _("This person is already a member: they can take part already."), field="email"
        )
    return email


def invite_guest(
    *,
    actor,
    community: Community,
    email: str,
    target_type: str,
    target_id: int,
    title: str,
    url: str,
    message: str = "",
    days: int = DEFAULT_DAYS,
) -> tuple[GuestPass, str]:
    """Invite one address into one thread or meeting. The caller vouches the target is
    this community's. Returns the pass and its token (mailed, never stored)."""
    if not permissions.can_invite_guests(actor, community):
        raise ActionError(_("Only the community's gardeners can invite guests."), status=404)
    if target_type not in GuestPass.Target.values:
        raise ActionError(_("Guests are invited to a thread or a meeting."))
    email = _checked_guest(community=community, email=email, days=days, message=message)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # A fresh pass replaces one still waiting for this address and this conversation.
        GuestPass.objects.filter(
            community=community,
            email=email,
            target_type=target_type,
            target_id=target_id,
            accepted_at=None,
            revoked_at=None,
        ).update(revoked_at=timezone.now())
        guest_pass = GuestPass.objects.create(
            community=community,
            email=email,
            target_type=target_type,
            target_id=target_id,
            title=title[:200],
            url=url[:300],
            message=message,
            token_hash=hash_token(token),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=days),
        )
        record_activity(
            community=community,
            actor=actor,
            verb=Activity.Verb.GUEST_INVITED,
            target_type=target_type,
            target_id=target_id,
            title=title,
            is_public=False,
        )
        send_guest_invitation_email.delay_on_commit(guest_pass.pk, token)
    return guest_pass, token


def end_guest_passes_of(sender=None, *, user, **kwargs) -> int:
    """A closed account's passes end with it (``account_closed``); the links answer 410."""
    return GuestPass.objects.filter(user=user, revoked_at=None).update(revoked_at=timezone.now())


def find_guest_pass(token: str) -> GuestPass | None:
    return (
        GuestPass.objects.select_related("community", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def accept_guest_pass(*, user, token: str) -> GuestPass:
    guest_pass = find_guest_pass(token)
    if guest_pass is None:
        raise ActionError(_("This guest link is not valid."), status=404)
    with transaction.atomic():
        guest_pass = GuestPass.objects.select_for_update().get(pk=guest_pass.pk)
        if guest_pass.revoked_at is not None:
            raise ActionError(_("A gardener has ended this guest invitation."), status=410)
        if guest_pass.expires_at <= timezone.now():
            raise ActionError(_("This guest invitation has expired."), status=410)
        if guest_pass.accepted_at is not None:
            if guest_pass.user_id == user.pk:
                return guest_pass  # following the link again is fine
            raise ActionError(_("This guest invitation has already been used."), status=410)
        if not _user_owns_email(user, guest_pass.email):
            raise ActionError(
                _("This invitation was sent to another email address. Sign in with that address."),
                status=403,
            )
        inviter = guest_pass.invited_by
        permissions.forget_memberships(inviter)
        if inviter is None or not inviter.is_active or not permissions.can_invite_guests(
            inviter, guest_pass.community
        ):
            raise ActionError(
                _("This guest invitation is no longer valid. Ask a gardener for a new one."),
                status=410,
            )
        guest_pass.user = user
        guest_pass.accepted_at = timezone.now()
        guest_pass.save(update_fields=["user", "accepted_at"])
    permissions.forget_memberships(user)
    return guest_pass


def revoke_guest_pass(*, actor, guest_pass: GuestPass) -> None:
    if not permissions.can_invite_guests(actor, guest_pass.community):
        raise ActionError(_("Only gardeners can end a guest's access."), status=404)
    ended = GuestPass.objects.filter(pk=guest_pass.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    if not ended:
        raise ActionError(_("This guest's access has already ended."))
    if guest_pass.user is not None:
        permissions.forget_memberships(guest_pass.user)

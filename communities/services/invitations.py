import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.models import Community, Invitation, Membership
from communities.models.choices import Role
from communities.models.invitations import hash_token
from communities.services.membership import _add_member
from communities.tasks import send_invitation_email
from core.errors import ActionError


def invite_to_community(
    *, actor, community: Community, email: str, role: str = Role.MEMBER, message: str = ""
) -> tuple[Invitation, str]:
    """Invite one address. Returns the invitation and its token (mailed, never stored)."""
    if not permissions.can_invite_to_community(actor, community):
        raise ActionError(_("You cannot invite people to this community."), status=404)
    email = email.strip().lower()
    if len(email) > 254:
        raise ActionError(_("Enter a valid email address."), field="email")
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ActionError(_("Enter a valid email address."), field="email") from exc
    if role not in Role.values:
        raise ActionError(_("Choose a valid role."), field="role")
    if role != Role.MEMBER and not permissions.can_manage_community(actor, community):
        raise ActionError(_("Only gardeners can invite gardeners or sponsors."), field="role")
    if len(message) > 1000:
        raise ActionError(_("Keep the note under 1,000 characters."), field="message")
    if Membership.objects.filter(community=community, user__email__iexact=email).exists():
        raise ActionError(_("This person is already a member."), field="email")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # A fresh invitation replaces any earlier one still waiting for this address.
        Invitation.objects.filter(
            community=community, email=email, accepted_at=None, revoked_at=None
        ).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            community=community,
            email=email,
            role=role,
            message=message,
            token_hash=hash_token(token),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
        )
        send_invitation_email.delay_on_commit(invitation.pk, token)
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("community", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )


def _user_owns_email(user, email: str) -> bool:
    # Only a verified address proves the invitation reached this person.
    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


def accept_invitation(*, user, token: str) -> Membership:
    invitation = find_invitation(token)
    if invitation is None:
        raise ActionError(_("This invitation link is not valid."), status=404)
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ActionError(_("This invitation has already been used."), status=410)
        if invitation.revoked_at is not None:
            raise ActionError(_("This invitation was withdrawn by a gardener."), status=410)
        if invitation.expires_at <= timezone.now():
            raise ActionError(
                _("This invitation has expired. Ask a gardener for a new one."), status=410
            )
        if not _user_owns_email(user, invitation.email):
            raise ActionError(
                _("This invitation was sent to another email address. Sign in with that address."),
                status=403,
            )
        if Membership.objects.filter(community=invitation.community, user=user).exists():
            raise ActionError(_("You are already a member of this community."))
        # The invitation carries the inviter's authority: it ends if theirs has ended.
        inviter = invitation.invited_by
        permissions.forget_memberships(inviter)
        if (
            inviter is None
            or not permissions.can_invite_to_community(inviter, invitation.community)
            or (
                invitation.role != Role.MEMBER
                and not permissions.can_manage_community(inviter, invitation.community)
            )
        ):
            raise ActionError(
                _("This invitation is no longer valid. Ask a gardener for a new one."), status=410
            )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        return _add_member(
            community=invitation.community,
            user=user,
            role=invitation.role,
            changed_by=invitation.invited_by,
        )


def revoke_invitation(*, actor, invitation: Invitation) -> None:
    if not permissions.can_manage_community(actor, invitation.community):
        raise ActionError(_("Only gardeners can withdraw invitations."), status=404)
    # One conditional update: an acceptance racing this click wins, and is not undone.
    withdrawn = Invitation.objects.filter(
        pk=invitation.pk, accepted_at=None, revoked_at=None
    ).update(revoked_at=timezone.now())
    if not withdrawn:
        raise ActionError(_("This invitation has already been used or withdrawn."))

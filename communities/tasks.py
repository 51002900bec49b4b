from datetime import datetime, timedelta
from functools import partial

from celery import shared_task
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from communities.ledger import rollups
from communities.models import Community, GuestPass, Invitation, JoinRequest, Membership
from communities.models.choices import Role
from core.claims import send_and_stamp, send_once
from core.links import absolute_url
from core.mail import send_templated_mail


def _mail_open_invitation(rows, *, template: str, name: str, url_name: str, token: str) -> None:
    """Mail an invitation still open (not used, not withdrawn) and stamp it sent.

    The token travels only in the task, never in the database; ``name`` is what the
    template calls the invitation.
    """
    invitation = rows.select_related("community", "invited_by").first()
    if invitation is None:  # withdrawn or used before the worker got to it
        return
    url = absolute_url(reverse(url_name, kwargs={"token": token}))
    send_and_stamp(
        rows,
        "sent_at",
        lambda: send_templated_mail(
            template_prefix=f"communities/email/{template}",
            context={name: invitation, "community": invitation.community, "url": url},
            to=[invitation.email],
        ),
    )


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> None:
    """Mail one invitation to join a community."""
    _mail_open_invitation(
        Invitation.objects.filter(pk=invitation_id, accepted_at=None, revoked_at=None),
        template="invitation",
        name="invitation",
        url_name="communities:invitation",
        token=token,
    )


@shared_task
def send_guest_invitation_email(guest_pass_id: int, token: str) -> None:
    """Mail one guest invitation (to a thread or a meeting)."""
    _mail_open_invitation(
        GuestPass.objects.filter(pk=guest_pass_id, accepted_at=None, revoked_at=None),
        template="guest_invitation",
        name="guest_pass",
        url_name="communities:guest_pass",
        token=token,
    )


@shared_task
def purge_stale_invitations() -> int:
    """Beat: forget invitations that expired or were withdrawn long ago. Idempotent."""
    cutoff = timezone.now() - timedelta(days=90)
    stale = Invitation.objects.filter(accepted_at=None).filter(
        Q(expires_at__lte=cutoff) | Q(revoked_at__lte=cutoff)
    )
    deleted, _ = stale.delete()
    return deleted


@shared_task
def notify_gardeners_of_request(join_request_id: int) -> None:
    rows = JoinRequest.objects.filter(
        pk=join_request_id, status=JoinRequest.Status.PENDING, gardeners_notified_at=None
    )
    join_request = rows.select_related("community", "user").first()
    if join_request is None:
        return
    community = join_request.community
    gardeners = (
        Membership.objects.filter(community=community, role=Role.GARDENER)
        .exclude(user__email="")
        .select_related("user")
    )
    url = absolute_url(reverse("communities:people", kwargs={"slug": community.slug}))
    # One letter each: gardeners do not see one another's addresses.
    for gardener in gardeners:
        send_once(
            f"join-request:{join_request.pk}:gardener:{gardener.user_id}",
            partial(
                send_templated_mail,
                template_prefix="communities/email/request_received",
                context={"join_request": join_request, "community": community, "url": url},
                to=[gardener.user.email],
            ),
        )
    rows.update(gardeners_notified_at=timezone.now())


@shared_task
def notify_request_decided(join_request_id: int) -> None:
    rows = JoinRequest.objects.filter(
        pk=join_request_id,
        status__in=[JoinRequest.Status.APPROVED, JoinRequest.Status.DECLINED],
    )
    join_request = rows.select_related("community", "user").first()
    if join_request is None or not join_request.user.email:
        return
    community = join_request.community
    send_and_stamp(
        rows,
        "requester_notified_at",
        lambda: send_templated_mail(
            template_prefix="communities/email/request_decided",
            context={
                "join_request": join_request,
                "community": community,
                "approved": join_request.status == JoinRequest.Status.APPROVED,
                "url": absolute_url(community.get_absolute_url()),
            },
            to=[join_request.user.email],
        ),
    )


@shared_task
def rebuild_rollups() -> int:
    """Beat, nightly: recount every community's dashboard roll-ups from the ledger, so
    anything written around ``record_activity`` is caught up. Idempotent."""
    rebuilt = 0
    for community_id in Community.objects.order_by("pk").values_list("pk", flat=True):
        community = Community.objects.filter(pk=community_id).first()
        if community is not None:  # deleted since the list was read
            rollups.rebuild(community)
            rebuilt += 1
    return rebuilt


@shared_task
def store_visit(membership_id: int, at: str) -> None:
    """Write a visit queued by ``services.membership.note_visit``; a later one stored wins."""
    when = datetime.fromisoformat(at)
    Membership.objects.filter(pk=membership_id).filter(
        Q(last_visited_at__isnull=True) | Q(last_visited_at__lt=when)
    ).update(last_visited_at=when)

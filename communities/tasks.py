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


@shared_task
def send_invitation_email(invitation_id: int, token: str) -> None:
    """Mail one invitation. The token travels only in the task, never in the database."""
    rows = Invitation.objects.filter(pk=invitation_id, accepted_at=None, revoked_at=None)
    invitation = rows.select_related("community", "invited_by").first()
    if invitation is None:  # withdrawn or used before the worker got to it
        return
    url = absolute_url(reverse("communities:invitation", kwargs={"token": token}))
    send_and_stamp(
        rows,
        "sent_at",
        lambda: send_templated_mail(
            template_prefix="communities/email/invitation",
            context={"invitation": invitation, "community": invitation.community, "url": url},
            to=[invitation.email],
        ),
    )


@shared_task
def send_guest_invitation_email(guest_pass_id: int, token: str) -> None:
    """Mail one guest invitation; like member invitations, the token lives only in the task."""
    rows = GuestPass.objects.filter(pk=guest_pass_id, accepted_at=None, revoked_at=None)
    guest_pass = rows.select_related("community", "invited_by").first()
    if guest_pass is None:
        return
    url = absolute_url(reverse("communities:guest_pass", kwargs={"token": token}))
    send_and_stamp(
        rows,
        "sent_at",
        lambda: send_templated_mail(
            template_prefix="communities/email/guest_invitation",
            context={"guest_pass": guest_pass, "community": guest_pass.community, "url": url},
            to=[guest_pass.email],
        ),
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

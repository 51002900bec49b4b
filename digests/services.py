"""Digest choices and delivery: each digest claimed and sent in one transaction."""

import zoneinfo
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.errors import ActionError
from communities.models import Community, Membership
from copsite.mail import send_templated_mail
from copsite.unsubscribe import unsubscribe_url

from .models import DEFAULT_FREQUENCY, DigestPreference, Frequency, Kind, SentDigest
from .selectors import Digest, SponsorDigest

MEMBER_TEMPLATE = "digests/email/digest"
SPONSOR_TEMPLATE = "digests/email/sponsor_digest"


def digest_frequencies(user) -> dict[int, str]:
    """The member's choice for each of their communities (default where none was made)."""
    chosen = dict(
        DigestPreference.objects.filter(user=user).values_list("community_id", "frequency")
    )
    mine = Membership.objects.filter(user=user).values_list("community_id", flat=True)
    return {community_id: chosen.get(community_id, DEFAULT_FREQUENCY) for community_id in mine}


def set_digest_frequency(*, user, community: Community, frequency: str) -> None:
    if frequency not in Frequency.values:
        raise ActionError(_("Choose daily, weekly or off."))
    if not permissions.is_member(user, community):
        raise ActionError(
            _("You can choose digests only for communities you belong to."), status=404
        )
    DigestPreference.objects.update_or_create(
        user=user, community=community, defaults={"frequency": frequency}
    )


def unsubscribe_from_community_digest(user, scope: str) -> str:
    """One-click unsubscribe for "digest:<community id>": that community's digests go off."""
    community_id = scope.partition(":")[2]
    community = None
    if community_id.isdigit():
        community = Community.objects.filter(pk=int(community_id)).first()
    if community is None:
        return _("That community no longer exists: it sends no digests.")
    DigestPreference.objects.update_or_create(
        user=user, community=community, defaults={"frequency": Frequency.OFF}
    )
    return _("You will get no more digests from %(name)s.") % {"name": community.name}


# --- delivery ---------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _zone(user) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(getattr(user, "timezone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _claim_and_send(
    *, user, community: Community, kind: str, period_start: datetime, template: str, context
) -> bool:
    """Insert the claim and send in one transaction; False when another run already did.

    A second worker's insert waits for the first to commit, then fails on the unique
    constraint; a failed send raises, rolling the claim back so a retry can send it.
    """
    try:
        with transaction.atomic():
            SentDigest.objects.create(
                user=user, community=community, kind=kind, period_start=period_start
            )
            with timezone.override(_zone(user)):
                send_templated_mail(
                    template_prefix=template,
                    context={
                        "recipient": user,
                        "community": community,
                        "community_url": _absolute(community.get_absolute_url()),
                        "preferences_url": _absolute(reverse("digests:preferences")),
                        **context,
                    },
                    to=[user.email],
                    unsubscribe_url=unsubscribe_url(
                        user_id=user.pk, scope=f"digest:{community.pk}"
                    ),
                )
    except IntegrityError:
        return False
    return True


def send_member_digest(*, digest: Digest, kind: str, period_start: datetime) -> bool:
    return _claim_and_send(
        user=digest.user,
        community=digest.community,
        kind=kind,
        period_start=period_start,
        template=MEMBER_TEMPLATE,
        context={"digest": digest, "kind": kind, "site_url": settings.SITE_URL.rstrip("/")},
    )


def send_sponsor_digest(*, user, report: SponsorDigest, period_start: datetime) -> bool:
    dashboard = reverse("communities:dashboard", kwargs={"slug": report.community.slug})
    return _claim_and_send(
        user=user,
        community=report.community,
        kind=Kind.SPONSOR,
        period_start=period_start,
        template=SPONSOR_TEMPLATE,
        context={"report": report, "dashboard_url": _absolute(dashboard)},
    )

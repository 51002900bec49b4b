"""Digest choices and delivery: each digest claimed by a unique row before it is sent."""

import logging
import uuid
import zoneinfo
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.models import Community, Membership
from core.errors import ActionError
from core.links import absolute_url
from core.mail import send_templated_mail
from core.unsubscribe import unsubscribe_url
from digests.models import DEFAULT_FREQUENCY, DigestPreference, Frequency, SentDigest
from digests.selectors import Digest, SponsorDigest

logger = logging.getLogger(__name__)

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

# Digests claimed and sent per transaction: one commit per chunk rather than per mail.
CHUNK = 50


def _zone(user) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(getattr(user, "timezone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


@dataclass(frozen=True)
class Letter:
    user: object
    template: str
    context: dict


def _mail(community: Community, letter: Letter) -> None:
    user = letter.user
    with timezone.override(_zone(user)):
        send_templated_mail(
            template_prefix=letter.template,
            context={
                "recipient": user,
                "community": community,
                "site_url": absolute_url(""),
                "community_url": absolute_url(community.get_absolute_url()),
                "preferences_url": absolute_url(reverse("digests:preferences")),
                **letter.context,
            },
            to=[user.email],
            unsubscribe_url=unsubscribe_url(user_id=user.pk, scope=f"digest:{community.pk}"),
        )


def _send_chunk(
    *, community: Community, kind: str, period_start: datetime, letters: tuple[Letter, ...]
) -> int:
    """Claim these digests in one short transaction, then send the ones this run won.

    A concurrent run's claims for the same rows wait for ours to commit, then find them
    taken (the unique constraint), as with meeting reminders. The claim commits before any
    mail leaves, so a crash can lose a digest but never send one twice; a mail that fails
    gives its claim back at once, so a rerun sends it. No transaction stays open while the
    mail server is talked to.
    """
    run = uuid.uuid4()
    key = {"community": community, "kind": kind, "period_start": period_start}
    with transaction.atomic():
        SentDigest.objects.bulk_create(
            [SentDigest(user=letter.user, run=run, **key) for letter in letters],
            ignore_conflicts=True,
        )
        ours = set(
            SentDigest.objects.filter(
                user__in=[letter.user.pk for letter in letters], run=run, **key
            ).values_list("user_id", flat=True)
        )
    sent = 0
    for letter in letters:
        if letter.user.pk not in ours:
            continue
        try:
            _mail(community, letter)
        except Exception:  # one bad address must not stop everyone else's digest
            logger.exception("Digest to user %s failed; its claim is released", letter.user.pk)
            SentDigest.objects.filter(user=letter.user, run=run, **key).delete()
        else:
            sent += 1
    return sent


def send_letters(
    *, community: Community, kind: str, period_start: datetime, letters: list[Letter]
) -> int:
    """Send each letter at most once for this community, kind and period; return how many."""
    return sum(
        _send_chunk(community=community, kind=kind, period_start=period_start, letters=chunk)
        for chunk in (tuple(letters[i : i + CHUNK]) for i in range(0, len(letters), CHUNK))
    )


def member_letter(digest: Digest, *, kind: str) -> Letter:
    return Letter(
        user=digest.user,
        template=MEMBER_TEMPLATE,
        context={"digest": digest, "kind": kind},
    )


def sponsor_letter(user, report: SponsorDigest) -> Letter:
    slug = report.community.slug
    dashboard = reverse("insights:dashboard", kwargs={"slug": slug})
    period = report.figures.period.query
    members = absolute_url(reverse("communities:members", kwargs={"slug": slug}))
    library = absolute_url(reverse("assets:library", kwargs={"slug": slug}))
    return Letter(
        user=user,
        template=SPONSOR_TEMPLATE,
        context={
            "report": report,
            "dashboard_url": absolute_url(dashboard),
            # Each figure's list, for the same week: what the figure counted.
            "lists": {
                "contributed": f"{members}?contributed=1&{period}",
                "newcomers": f"{members}?newcomers=1&{period}",
                "reused": f"{library}?reused=1&{period}",
            },
        },
    )

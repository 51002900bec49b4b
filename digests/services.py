"""Digest choices and delivery: each digest claimed by a unique row before it is sent."""

import logging
import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from communities import permissions
from communities.models import Community, Membership
from core import claims
from core.errors import ActionError
from core.links import absolute_url
from core.mail import send_templated_mail
from core.unsubscribe import unsubscribe_url
from core.vocabulary import Verb
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


def _key(community: Community, kind: str, period_start: datetime, user_id: int) -> str:
    return f"digest:{kind}:{community.pk}:{period_start:%Y%m%dT%H%M}:{user_id}"


def send_letters(
    *, community: Community, kind: str, period_start: datetime, letters: list[Letter]
) -> int:
    """Send each letter at most once for this community, kind and period; return how many."""
    keys = {
        letter.user.pk: _key(community, kind, period_start, letter.user.pk) for letter in letters
    }
    won, run = claims.claim_many(list(keys.values()))
    sent = 0
    for letter in letters:
        if keys[letter.user.pk] not in won:
            continue
        try:
            claims.deliver(keys[letter.user.pk], run, partial(_mail, community, letter))
        except Exception:  # one bad address must not stop everyone else's digest
            logger.exception("Digest to user %s failed; the next run tries again", letter.user.pk)
        else:
            sent += 1
    # The record "last digest" reads, also for letters a run that died had sent.
    out = claims.sent_keys(list(keys.values()))
    SentDigest.objects.bulk_create(
        [
            SentDigest(user=letter.user, community=community, kind=kind, period_start=period_start)
            for letter in letters
            if keys[letter.user.pk] in out
        ],
        ignore_conflicts=True,
    )
    return sent


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
    activity = absolute_url(reverse("communities:activity", kwargs={"slug": slug}))
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
                "threads_started": f"{activity}?verb={Verb.THREAD_STARTED.value}&{period}",
                "questions_answered": f"{activity}?verb={Verb.ANSWER_ACCEPTED.value}&{period}",
            },
        },
    )

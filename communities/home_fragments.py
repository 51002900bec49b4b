"""Parts of a community's home kept rendered between changes, each under a key that names
everything it shows, so a change is a new key and nothing has to be invalidated by hand.

The recent activity is the community's ledger seen by one kind of viewer: outsiders read
public rows, members every row still shown, gardeners the withdrawn ones too
(``permissions.visible_activity``). Every ledger write and change moves the community's
roll-up version (``ledger.counting``), so it keys the list. The side column's gardeners and
members by level are the same for everyone: joining, leaving, a role or a level moving
(by hand or by the nightly recompute) each write a ledger row, so the version keys them
too. What no ledger write announces (a relative time, someone renaming themselves, an edit
in the admin) is bounded by ``SECONDS``.
"""

from django.utils import timezone
from django.utils.translation import get_language

from communities.ledger.counting import version
from communities.models import Community, Membership
from communities.models.choices import Role

SECONDS = 60


def activity_standing(membership: Membership | None) -> str:
    """What of the community's ledger this viewer reads, in the ledger's own rule."""
    if membership is None:
        return "outsider"
    return "gardener" if membership.role == Role.GARDENER else "member"


def _key(community: Community, *parts: str) -> str:
    return ":".join(
        (
            str(community.pk),
            str(version(community.pk)),
            *parts,
            get_language() or "",
            timezone.get_current_timezone_name(),
        )
    )


def activity_key(community: Community, membership: Membership | None) -> str:
    return _key(community, activity_standing(membership))


def people_key(community: Community, *, offers_invite: bool) -> str:
    """The gardeners and levels, with or without the viewer's "Invite someone" link."""
    return _key(community, "invite" if offers_invite else "")

"""The demo adds two gathering proposals and the one a demo community grew from; twice = once."""

import io

import pytest
from django.core.management import call_command

from communities.models import Community, Membership
from proposals.models import Proposal, Supporter

pytestmark = pytest.mark.django_db


def _counts() -> dict:
    return {
        "proposals": Proposal.objects.count(),
        "supporters": Supporter.objects.count(),
        "communities": Community.objects.count(),
        "memberships": Membership.objects.count(),
    }


def test_seed_demo_adds_proposals_once(mailoutbox):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    first = _counts()
    call_command("seed_demo", stdout=io.StringIO())

    assert "Demo proposals: 3 new." in out.getvalue()
    assert _counts() == first
    assert Proposal.objects.filter(status="gathering").count() == 2
    launched = Proposal.objects.get(status="launched")
    assert launched.launched_community.slug == "adult-literacy-tutors"
    assert launched.created_at < launched.launched_at
    # Its supporters are the community's members already; the demo tells nobody.
    for supporter in launched.supporters.all():
        assert Membership.objects.filter(
            community=launched.launched_community, user=supporter.user
        ).exists()
    assert all(p.supporters.exists() for p in Proposal.objects.all())
    assert mailoutbox == []

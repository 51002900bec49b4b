"""The proposals policy: public while gathering; once launched, as its community is."""

import pytest

from proposals.permissions import proposals
from tests.permissions.conftest import MEMBERS, SIGNED_IN, cells, sign_in

PROPOSALS = [
    "gathering",
    "withdrawn",
    "launched-public",
    "launched-unlisted",
    "launched-private",
]


def sees_proposal(who: str, key: str) -> bool:
    return key in {"gathering", "withdrawn", "launched-public"} or who in MEMBERS


@pytest.mark.parametrize(("who", "key"), cells(PROPOSALS))
def test_view_and_the_queryset_agree(fresh, who, key):
    user, proposal = fresh.viewer(who), fresh.proposals[key]

    allowed = proposals.can_view(user, proposal)

    assert allowed is sees_proposal(who, key)
    assert proposals.visible(user).filter(pk=proposal.pk).exists() is allowed


@pytest.mark.parametrize(("who", "key"), cells(PROPOSALS))
def test_what_a_viewer_may_do_with_a_proposal(fresh, who, key):
    user, proposal = fresh.viewer(who), fresh.proposals[key]
    gathering = key == "gathering"

    # The member proposed them all: they edit, withdraw and launch while it gathers.
    for question in (proposals.can_edit, proposals.can_withdraw, proposals.can_launch):
        assert question(user, proposal) is (gathering and who == "member")
    assert proposals.can_support(user, proposal) is (
        gathering and who in SIGNED_IN and who != "member"
    )


def _edit_page(who: str, key: str) -> int:
    if who == "stranger":
        return 302
    if not sees_proposal(who, key):
        return 404
    if who != "member":
        return 403
    return 200 if key == "gathering" else 409


@pytest.mark.parametrize(("who", "key"), cells(PROPOSALS))
def test_the_proposal_pages_answer_200_403_or_404(fresh, client, who, key):
    sign_in(client, fresh, who)
    url = fresh.proposals[key].get_absolute_url()

    assert client.get(url).status_code == (200 if sees_proposal(who, key) else 404)
    assert client.get(f"{url}edit/").status_code == _edit_page(who, key)

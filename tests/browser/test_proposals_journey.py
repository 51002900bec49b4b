"""A community is proposed, gathers a helper, and is launched with them in its core group.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import os
from datetime import date, timedelta

import pytest
from django.core import mail

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from communities.models import Community, Membership
from communities.models.choices import Level, Role
from tests.browser.test_journeys import sign_in, sign_out
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_proposal_gathers_a_helper_and_launches_with_them_in_the_core(behaviours, page, shot):
    proposer = UserFactory(display_name="Fatima Proposer")
    helper = UserFactory(display_name="Chloe Helper")

    # 1. A member proposes a community from the directory.
    sign_in(page, proposer.email)
    page.goto("/communities/")
    page.get_by_role("link", name="Propose a community").click()
    page.locator("main").get_by_role("link", name="Propose a community").click()
    page.get_by_label("Name of the community").fill("Reading for pleasure network")
    page.get_by_label("What it is about").fill("Getting pupils to **choose** to read.")
    page.get_by_label("Who it is for").fill("School librarians and English teachers.")
    page.get_by_label("Why now").fill("Borrowing fell again this year.")
    page.get_by_role("button", name="Propose it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading for pleasure network")
    expect(page.locator("main strong", has_text="choose")).to_be_visible()
    sign_out(page)

    # 2. A second member says they would help run it.
    sign_in(page, helper.email)
    page.goto("/proposals/")
    expect(page.locator("main")).to_contain_text("0 would help run it")
    shot("01-list")
    page.get_by_role("link", name="Reading for pleasure network").click()
    page.get_by_label("A one-line note (optional)").fill("I run a lunchtime book club.")
    page.get_by_role("button", name="I would help run it").click()
    expect(page.get_by_role("status").first).to_contain_text("Thank you: you would help run it.")
    helpers = page.get_by_role("region", name="1 would help run it")
    expect(helpers).to_contain_text("Chloe Helper")
    expect(helpers).to_contain_text("I run a lunchtime book club.")
    shot("02-detail-supported")
    sign_out(page)

    # 3. The proposer launches it, with a launch meeting next week.
    sign_in(page, proposer.email)
    page.goto("/proposals/")
    page.get_by_role("link", name="Reading for pleasure network").click()
    page.get_by_role("link", name="Launch", exact=True).click()
    expect(page.get_by_label("Web address")).to_have_value("reading-for-pleasure-network")
    page.get_by_label("Date").fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_label("Starts at").fill("17:00")
    page.get_by_label("Ends at").fill("18:00")
    shot("03-launch-form")
    page.get_by_role("button", name="Launch the community").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading for pleasure network")
    expect(page.locator("main")).to_contain_text("Stage: Coalescing")
    origin = page.get_by_role("region", name="How this community began")
    expect(origin).to_contain_text("Proposed by Fatima Proposer on")
    expect(origin).to_contain_text("supported by 1 person")
    shot("04-community-home")

    # 4. The helper is in the new community's core group, and heard of it by email.
    community = Community.objects.get(slug="reading-for-pleasure-network")
    membership = Membership.objects.get(community=community, user=helper)
    assert (membership.role, membership.level) == (Role.MEMBER, Level.CORE)
    assert community.meeting_series.get().kind == "launch"
    assert [m.to for m in mail.outbox] == [[helper.email]]
    page.goto(f"/c/{community.slug}/members/")
    expect(page.locator("main")).to_contain_text("Chloe Helper")
    shot("05-members")

    # 5. The proposal now points to the community it became.
    page.goto("/proposals/")
    expect(page.locator("main")).to_contain_text("0 proposals gathering people")
    page.goto(community.proposal.get_absolute_url())
    expect(page.get_by_role("status").first).to_contain_text("Launched on")
    shot("06-proposal-launched")
    page.get_by_role("status").first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reading for pleasure network")
    assert page.url.endswith(f"/c/{community.slug}/")

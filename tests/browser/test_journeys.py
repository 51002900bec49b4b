"""Journeys through the site in a real browser, one screenshot per step.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import os
import re

import pytest
from django.core import mail

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from communities.models import JoinRequest, Membership
from communities.models.choices import Role
from tests.factories import PASSWORD, CommunityFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFIRM_LINK = re.compile(r"https?://[^\s\"'<>]+/accounts/confirm-email/[^\s\"'<>]+")


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    main = page.locator("main")
    main.get_by_label("Email").fill(email)
    main.get_by_label("Password").fill(password)
    main.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_newcomer_signs_up_joins_and_is_approved(page, shot):
    gardener = UserFactory(display_name="Grace Gardener")
    open_community = CommunityFactory(
        name="Reading Teachers", tagline="Teaching children to read", creator=gardener
    )
    by_request = CommunityFactory(
        name="Clinical Supervisors",
        tagline="Supervision that helps",
        join_policy="request",
        creator=gardener,
    )
    CommunityFactory(name="Hidden Circle", visibility="private", creator=gardener)

    # 1. Sign up.
    page.goto("/accounts/signup/")
    form = page.locator("main form")
    form.get_by_label("Email").fill("newcomer@example.org")
    form.get_by_label("Username").fill("newcomer")
    form.locator("input[name=password1]").fill("plant-seeds-2024!")
    form.locator("input[name=password2]").fill("plant-seeds-2024!")
    shot("01-signup-form")
    form.get_by_role("button", name="Sign Up").click()
    expect(page.locator("main")).to_contain_text("Verify Your Email Address")
    shot("02-verification-sent")

    # 2. The verification email holds the link; opening it asks for a confirming click.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["newcomer@example.org"]
    link = CONFIRM_LINK.search(message.body)
    assert link, message.body
    page.goto(link.group(0))
    expect(page.locator("main")).to_contain_text("newcomer@example.org")
    shot("03-confirm-email")
    page.locator("main").get_by_role("button", name="Confirm").click()

    # 3. Confirming in the same browser signs the newcomer in; otherwise sign in by hand.
    if page.get_by_role("button", name="Sign out").count() == 0:
        sign_in(page, "newcomer@example.org", "plant-seeds-2024!")
    expect(page.locator("h1")).to_have_text("Welcome, newcomer")
    expect(page.locator("section", has=page.locator("#mine"))).to_contain_text(
        "You have not joined a community yet."
    )
    shot("04-home-after-confirming")

    # 4. The directory lists public communities, not the private one.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Communities").click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="Reading Teachers")).to_be_visible()
    expect(results.get_by_role("link", name="Clinical Supervisors")).to_be_visible()
    expect(results).not_to_contain_text("Hidden Circle")
    shot("05-directory")

    # 5. Join the open community at once.
    results.get_by_role("link", name="Reading Teachers").click()
    expect(page).to_have_url(re.compile(rf"/c/{open_community.slug}/$"))
    page.get_by_role("button", name="Join this community").click()
    expect(page.locator(".messages")).to_contain_text("Welcome to Reading Teachers!")
    actions = page.locator(".page-head .actions")
    expect(actions).to_contain_text("You are")
    expect(actions.locator(".badge.level-peripheral")).to_have_text("Peripheral")
    shot("06-joined-open-community")

    # 6. Ask to join the by-request community.
    page.goto(f"/c/{by_request.slug}/")
    expect(page.get_by_role("button", name="Join this community")).to_have_count(0)
    page.get_by_text("Ask to join").click()
    page.get_by_label("A note to the gardeners (optional)").fill(
        "I supervise junior nurses and would like to learn from you."
    )
    shot("07-ask-to-join-open")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".messages")).to_contain_text("Your request is on its way")
    expect(actions).to_contain_text("Request sent — waiting for a gardener")
    shot("08-request-sent")
    assert JoinRequest.objects.filter(community=by_request, status="pending").count() == 1
    assert any(gardener.email in m.to for m in mail.outbox), "gardener was not told"

    # 7. Sign out; the gardener signs in and approves.
    sign_out(page)
    shot("09-signed-out")
    sign_in(page, gardener.email)
    page.goto(f"/c/{by_request.slug}/")
    expect(page.get_by_role("link", name="Manage people (1)")).to_be_visible()
    page.goto(f"/c/{by_request.slug}/settings/people/")
    requests_section = page.locator("section", has=page.locator("#requests"))
    expect(requests_section).to_contain_text("newcomer")
    expect(requests_section).to_contain_text("I supervise junior nurses")
    shot("10-gardener-sees-request")
    requests_section.get_by_role("button", name="Approve newcomer").click()
    expect(page.locator(".messages")).to_contain_text("newcomer is now a member.")
    expect(requests_section).to_contain_text("No requests waiting.")
    expect(page.locator("table")).to_contain_text("newcomer@example.org")
    shot("11-request-approved")
    sign_out(page)

    # 8. The newcomer signs in again and finds both memberships.
    newcomer_mail = [m for m in mail.outbox if m.to == ["newcomer@example.org"]]
    assert len(newcomer_mail) == 2, [m.subject for m in newcomer_mail]  # confirm + decision
    sign_in(page, "newcomer@example.org", "plant-seeds-2024!")
    expect(page.locator("h1")).to_have_text("Welcome back, newcomer")
    mine = page.locator("section", has=page.locator("#mine"))
    expect(mine.get_by_role("link", name="Reading Teachers")).to_be_visible()
    expect(mine.get_by_role("link", name="Clinical Supervisors")).to_be_visible()
    shot("12-home-my-communities")
    mine.get_by_role("link", name="Clinical Supervisors").click()
    expect(page).to_have_url(re.compile(rf"/c/{by_request.slug}/$"))
    expect(actions).to_contain_text("You are")
    expect(actions.locator(".badge.level-peripheral")).to_have_text("Peripheral")
    expect(actions.get_by_role("button", name="Leave")).to_be_visible()
    shot("13-member-of-by-request-community")

    membership = Membership.objects.get(community=by_request, user__username="newcomer")
    assert membership.role == Role.MEMBER
    assert membership.level == "peripheral"


def test_outsider_gets_the_styled_404_for_a_private_community(page, shot):
    private = CommunityFactory(name="Night Shift Nurses", visibility="private")
    outsider = UserFactory()

    # Signed out first, then signed in as someone who is not a member: both see a 404.
    response = page.goto(f"/c/{private.slug}/")
    assert response.status == 404
    shot("01-anonymous")
    sign_in(page, outsider.email)
    response = page.goto(f"/c/{private.slug}/")
    assert response.status == 404
    error = page.locator(".error-page")
    expect(error.locator(".code")).to_have_text("404")
    expect(error.get_by_role("heading", level=1)).to_have_text("We could not find that page")
    expect(error.get_by_role("link", name="Browse communities")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("Night Shift Nurses")
    # The page is styled by the site's stylesheet, with the signed-in header.
    expect(page.locator(".site-header")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).display") != "inline"
    shot("02-signed-in-outsider")


def test_gardener_edits_tagline_and_stage(page, shot):
    gardener = UserFactory(display_name="Grace Gardener")
    community = CommunityFactory(name="Data Stewards", creator=gardener, stage="coalescing")

    sign_in(page, gardener.email)
    page.goto(f"/c/{community.slug}/")
    page.get_by_role("navigation", name="Community").get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Community settings")
    form = page.locator("main form.card")
    form.get_by_label("Tagline").fill("Keeping research data findable and safe")
    form.get_by_label("Stage").select_option(label="Maturing")
    shot("01-settings-filled")
    form.get_by_role("button", name="Save settings").click()
    expect(page.locator(".messages")).to_contain_text("Community settings saved.")
    expect(form.get_by_label("Tagline")).to_have_value("Keeping research data findable and safe")
    shot("02-settings-saved")

    page.locator(".breadcrumb").get_by_role("link", name="Data Stewards").click()
    head = page.locator(".page-head")
    expect(head.locator(".lead")).to_have_text("Keeping research data findable and safe")
    expect(head).to_contain_text("Stage: Maturing")
    expect(page.locator("main")).to_contain_text("Recent activity")
    shot("03-community-home")

    community.refresh_from_db()
    assert community.tagline == "Keeping research data findable and safe"
    assert community.stage == "maturing"

"""A newcomer is welcomed in a real browser: the welcome, the introductions, a gardener's greeting.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import os

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from communities.models import Activity
from core.vocabulary import Verb
from tests.browser.test_journeys import sign_in, sign_out
from tests.factories import CommunityFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_introduces_themselves_and_a_gardener_welcomes_them(behaviours, page, shot):
    gardener = UserFactory(display_name="Joy Gardener")
    community = CommunityFactory(name="Adult literacy tutors", creator=gardener, stage="coalescing")
    newcomer = UserFactory(display_name="Hana Newcomer", username="hana")

    # 1. The newcomer joins and is welcomed by the page itself.
    sign_in(page, newcomer.email)
    page.goto(f"/c/{community.slug}/")
    page.get_by_role("button", name="Join").first.click()
    welcome = page.get_by_role("region", name="Welcome to Adult literacy tutors")
    expect(welcome).to_contain_text("Most people start at the edge")
    shot("01-welcome")

    # 2. They start the introductions and say hello.
    welcome.get_by_role("button", name="Start the introductions").click()
    expect(page.get_by_role("heading", level=2)).to_contain_text("Introductions")
    page.get_by_label("Your reply").fill("Hello! I tutor adults two evenings a week.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("main")).to_contain_text("I tutor adults two evenings a week")
    shot("02-introduced")
    sign_out(page)

    # 3. The gardener sees a newcomer nobody has greeted, and the launch checklist.
    sign_in(page, gardener.email)
    page.goto(f"/c/{community.slug}/")
    expect(page.get_by_role("region", name="Launch checklist")).to_contain_text("done")
    newcomers = page.get_by_role("region", name="Newcomers to welcome")
    expect(newcomers).to_contain_text("Hana Newcomer")
    shot("03-gardener-home")
    newcomers.get_by_role("link", name="Welcome Hana Newcomer").click()
    page.get_by_label("Your welcome").fill("Lovely to have you. Ian runs evening classes too.")
    page.get_by_role("button", name="Post the welcome").click()
    expect(page.locator("main")).to_contain_text("You welcomed Hana Newcomer.")
    expect(page.locator("main")).to_contain_text("@hana")
    shot("04-welcomed")

    # 4. Greeted once: off the list, and counted in the ledger.
    page.goto(f"/c/{community.slug}/")
    expect(page.locator("main")).not_to_contain_text("Newcomers to welcome")
    assert Activity.objects.filter(verb=Verb.WELCOMED, target_id=newcomer.pk).count() == 1


def test_a_gardener_invites_a_guest_who_replies_in_that_thread_only(behaviours, page, shot):
    import re
    from urllib.parse import urlsplit

    from django.core import mail

    from tests.factories import ThreadFactory

    gardener = UserFactory(display_name="Lena Gardener")
    community = CommunityFactory(
        name="Peer supervision circle", creator=gardener, visibility="private", join_policy="invite"
    )
    thread = ThreadFactory(
        community=community,
        author=gardener,
        title="Ending work with a family well",
        behaviour_codes=["seeking-experience"],
    )
    visitor = UserFactory(display_name="Omar Outsider", email="omar@example.org")

    # 1. The gardener invites an outsider from the thread.
    sign_in(page, gardener.email)
    page.goto(thread.get_absolute_url())
    page.get_by_role("link", name="Invite a guest from outside to this thread").click()
    page.get_by_label("Their email address").fill("omar@example.org")
    page.get_by_label("A note to them (optional)").fill("You ran the family therapy pilot.")
    shot("01-invite-guest")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator("main")).to_contain_text("Invitation sent to omar@example.org.")
    sign_out(page)

    # 2. The guest follows the link from the mail, accepts and replies.
    link = re.search(r"https?://\S+/guest/\S+/", mail.outbox[-1].body)[0]
    sign_in(page, visitor.email)
    page.goto(urlsplit(link).path)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are invited as a guest")
    page.get_by_role("button", name="Accept and open it").click()
    expect(page.locator("main")).to_contain_text("You are a guest in this conversation")
    page.get_by_label("Your reply").fill("In the pilot we planned the last sessions together.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("main .badge.guest")).to_have_count(1)
    shot("02-guest-replied")

    # 3. Everything else in the community is closed to them.
    response = page.goto(f"/c/{community.slug}/")
    assert response.status == 404
    shot("03-community-closed-to-guest")
    assert Activity.objects.filter(verb=Verb.GUEST_REPLIED, actor=visitor).count() == 1

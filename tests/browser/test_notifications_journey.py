"""A reply with a mention reaches two people: the badge, the list, and the post itself.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import os
import re

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from notifications.models import Notification
from tests.browser.test_journeys import sign_in, sign_out
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


TITLE = "Year 9 ignore the online quizzes — what would you try?"
REPLY = "Put the same questions on the board next lesson. @carol ran this with Year 8."


def _open_my_notification(page, shot, who: str, text: str) -> None:
    badge = page.get_by_role("link", name=re.compile(r"^Notifications")).first
    expect(badge.get_by_test_id("unread-count")).to_contain_text("1")
    shot(f"{who}-1-badge")
    badge.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    item = page.locator(".notification.unread")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(text)
    shot(f"{who}-2-list")
    item.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"\?post=2#post-2$"))
    expect(page.locator("#post-2")).to_contain_text("Put the same questions on the board")
    # Opened: the badge is gone.
    expect(page.get_by_test_id("unread-count")).to_have_count(0)
    shot(f"{who}-3-landed-on-post")


def test_a_reply_with_a_mention_notifies_the_author_and_the_person_mentioned(
    behaviours, page, shot, mailoutbox
):
    community = CommunityFactory(name="Reading Teachers")
    amara = add_member(community, UserFactory(username="amara", display_name="Amara Asker")).user
    ben = add_member(community, UserFactory(username="ben", display_name="Ben Helper")).user
    carol = add_member(
        community, UserFactory(username="carol", display_name="Carol Colleague")
    ).user
    thread = ThreadFactory(community=community, author=amara, title=TITLE)

    # 1. Ben replies to Amara's thread and mentions Carol.
    sign_in(page, ben.email)
    page.goto(thread.get_absolute_url())
    page.get_by_label("Your reply").fill(REPLY)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator(".messages")).to_contain_text("Your reply is posted.")
    expect(page.locator("#post-2 a", has_text="@carol")).to_have_attribute("href", "/u/carol/")
    expect(page.get_by_test_id("unread-count")).to_have_count(0)  # nothing for his own reply
    shot("ben-reply-posted")
    sign_out(page)

    # 2. Amara sees the badge, opens the notification and lands on the reply.
    sign_in(page, amara.email)
    _open_my_notification(page, shot, "amara", "Ben Helper replied to your thread")
    sign_out(page)

    # 3. Carol too, for the mention.
    sign_in(page, carol.email)
    _open_my_notification(page, shot, "carol", "Ben Helper mentioned you in")

    # 4. Carol chooses how these reach her by email.
    page.goto("/notifications/preferences/")
    page.get_by_role("group", name="New threads in behaviours I follow").get_by_label(
        "No email"
    ).check()
    shot("carol-4-preferences")
    page.get_by_role("button", name="Save choices").click()
    expect(page.locator(".messages")).to_contain_text("Your email choices are saved.")

    # 5. ... and follows visits in this community, from the thread list filtered by it.
    page.goto(f"/c/{community.slug}/threads/?behaviour=visits")
    page.get_by_role("button", name="Follow “Visits” threads").click()
    expect(page.locator(".messages")).to_contain_text("You will hear of new “Visits” threads")
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()
    shot("carol-5-following-visits")

    assert set(Notification.objects.values_list("recipient__username", "kind")) == {
        ("amara", "reply"),
        ("carol", "mention"),
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([amara.email, carol.email])

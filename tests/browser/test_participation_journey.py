"""The sponsor reads the demo community's dashboard; a member tells a value story.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import importlib
import io
import os

import pytest
from django.apps import apps
from django.core.management import call_command

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from demo.people import DEMO_PASSWORD
from insights.models import ValueStory
from tests.browser.test_journeys import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

seed_behaviours = importlib.import_module("discussions.migrations.0002_seed_behaviours").seed
DASHBOARD = "/c/northfield-elearning/dashboard/"


@pytest.fixture
def demo(transactional_db):
    seed_behaviours(apps, None)
    call_command("seed_demo", stdout=io.StringIO())


def test_sponsor_reads_the_dashboard_and_a_member_tells_a_story(demo, page, shot):
    # 1. The sponsor signs in and opens the dashboard from the community's tabs.
    sign_in(page, "marta@example.org", DEMO_PASSWORD)
    page.goto("/c/northfield-elearning/")
    page.get_by_role("navigation", name="Community").get_by_role("link", name="Dashboard").click()
    expect(page.locator("h1")).to_have_text("How the community is doing")
    expect(page.locator("svg[role=img]")).to_have_count(3)  # two weekly charts, the pyramid
    behaviours = page.locator("section", has=page.locator("#behaviours-head"))
    expect(behaviours).to_contain_text("of the 9 are evident")
    expect(behaviours).to_contain_text("Missing, and what to try")
    health = page.locator("section", has=page.locator("#health-head"))
    expect(health.locator("tbody tr")).to_have_count(9)
    expect(page.locator("#stories-head")).to_be_visible()
    expect(page.locator("#work-head")).to_have_text("Who does the work")
    expect(page.locator("#moves-head")).to_have_text("How people moved")
    shot("01-sponsor-dashboard")

    # 1b. A figure leads to the list of what it counted, and the list says what that is.
    page.locator("a.figure-link", has_text="people contributed").click()
    expect(page.locator(".filter-note")).to_contain_text("people who contributed")
    shot("01b-people-who-contributed")
    page.go_back()
    behaviours.locator("a.figure-link").first.click()
    expect(page.locator(".filter-note")).to_contain_text("was evident")
    expect(page.locator(".thread-row").first).to_be_visible()
    shot("01c-threads-where-evident")
    page.get_by_role("link", name="Clear this filter").click()
    expect(page.locator(".filter-note")).to_have_count(0)
    page.goto(DASHBOARD)

    # 2. A reversed period is explained, not a crash.
    page.get_by_label("From", exact=True).fill("2026-05-01")
    page.get_by_label("To", exact=True).fill("2026-04-01")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#period-error")).to_contain_text("start date is after the end date")
    shot("02-reversed-period")
    sign_out(page)

    # 3. A member tells a value story, linked to a thread of the community.
    sign_in(page, "kofi@example.org", DEMO_PASSWORD)
    page.goto("/c/northfield-elearning/members/")
    expect(page.locator("#pyramid-head")).to_be_visible()
    shot("03-members-pyramid")
    page.get_by_role("navigation", name="Community").get_by_role(
        "link", name="Value stories"
    ).click()
    page.get_by_label("What happened").fill(
        "Chloé's three-question quiz, tried with my ESOL group."
    )
    page.get_by_label("What it changed").fill("Learners who never answered now answer first.")
    page.get_by_label("Applied — I changed what I do").check()
    page.get_by_label("Link (optional)").fill("/c/northfield-elearning/threads/")
    page.get_by_role("button", name="Tell the story").click()
    expect(page.locator(".messages")).to_contain_text("your story is told")
    expect(page.locator(".stories").first).to_contain_text("Learners who never answered")
    shot("04-story-told")
    told = ValueStory.objects.filter(author__username="kofi", kind="applied")
    assert told.filter(what_changed__startswith="Learners who never answered").count() == 1

    # 4. The member registers a gap on the knowledge map.
    page.get_by_role("navigation", name="Community").get_by_role(
        "link", name="Knowledge map"
    ).click()
    expect(page.locator("#map-head")).to_be_visible()
    page.get_by_label("What we lack").fill("A good approach to marking group work online")
    page.get_by_role("button", name="Add to the register").click()
    expect(page.locator(".messages")).to_contain_text("The gap is in the register.")
    expect(page.locator("section", has=page.locator("#gaps-head"))).to_contain_text(
        "marking group work online"
    )
    shot("05-gap-registered")

    # 5. A member does not get the dashboard.
    page.goto(DASHBOARD)
    expect(page.locator("h1")).not_to_have_text("How the community is doing")

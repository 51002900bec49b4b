"""A gardener words the behaviour examples; members see them in the thread form.

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

from demo.behaviour_examples_data import EXAMPLES
from demo.people import DEMO_PASSWORD
from tests.browser.test_journeys import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

seed_behaviours = importlib.import_module("discussions.migrations.0002_seed_behaviours").seed
SLUG = "social-work-practice"
OURS = "A parent will not open the door to the duty worker. What would you try before escalating?"


@pytest.fixture
def demo(transactional_db):
    seed_behaviours(apps, None)
    call_command("seed_demo", stdout=io.StringIO())


def test_a_gardener_words_the_examples_and_members_see_them(demo, page, shot):
    # 1. The gardener reaches the page from the community's settings tabs.
    sign_in(page, "elena@example.org", DEMO_PASSWORD)
    page.goto(f"/c/{SLUG}/settings/")
    page.get_by_role("navigation", name="Gardener tools").get_by_role(
        "link", name="Behaviour examples"
    ).click()
    expect(page.locator("h1")).to_have_text("Behaviour examples")
    box = page.get_by_label("Problem solving")
    expect(box).to_have_value(EXAMPLES[SLUG]["problem-solving"])
    expect(page.locator("textarea")).to_have_count(9)
    shot("01-settings")

    # 2. The browser keeps each box to the length the page accepts (the server checks too).
    expect(box).to_have_attribute("maxlength", "200")
    page.get_by_label("Visits").fill("Could we sit in on the east team's conference?")

    # 3. Saved, then the thread form shows it.
    page.get_by_label("Problem solving").fill(OURS)
    page.get_by_role("button", name="Save examples").click()
    expect(page.locator(".messages")).to_contain_text("Examples saved")
    sign_out(page)
    sign_in(page, "farid@example.org", DEMO_PASSWORD)
    page.goto(f"/c/{SLUG}/threads/new/")
    expect(page.locator("label[for=behaviour-problem-solving]")).to_contain_text(OURS)
    expect(page.locator("label[for=behaviour-visits]")).to_contain_text("east team")
    expect(page.locator(".behaviour-picker")).not_to_contain_text("Year 9")
    shot("03-thread-form")

"""Accessibility in a real browser, on the demo world: axe-core on every main page, pages
that reflow at 390 px and at 200 % text, and a keyboard-only journey.

axe-core (MPL-2.0) is vendored in tests/browser/vendor/ so the suite runs offline.
"""

import importlib
import io
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from assets.models import Asset
from communities.models import Community
from demo.assets import simple_pdf
from demo.people import DEMO_PASSWORD
from discussions.models import Thread
from rhythm.models import MeetingSeries
from tests.browser.conftest import save_screenshot
from tests.browser.test_journeys import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
seed_behaviours = importlib.import_module("discussions.migrations.0002_seed_behaviours").seed
BLOCKING = {"serious", "critical"}


@pytest.fixture
def demo(transactional_db):
    seed_behaviours(apps, None)
    call_command("seed_demo", stdout=io.StringIO())
    community = Community.objects.get(slug="northfield-elearning")
    return {
        "community": community,
        "thread": Thread.objects.filter(community=community).first(),
        "asset": Asset.objects.filter(community=community).first(),
        "meeting": MeetingSeries.objects.filter(community=community).first(),
    }


def _pages(demo) -> dict[str, list[str]]:
    slug = demo["community"].slug
    thread = demo["thread"].get_absolute_url()
    asset = demo["asset"].get_absolute_url()
    meeting = demo["meeting"].get_absolute_url()
    public = [
        "/",
        "/communities/",
        f"/c/{slug}/",
        f"/c/{slug}/members/",
        f"/c/{slug}/threads/",
        thread,
        "/search/?q=quiz",
        "/help/",
        "/help/behaviours/",
        "/help/participation/",
        "/help/design-principles/",
        f"/c/{slug}/assets/",
        asset,
        f"/c/{slug}/meetings/",
        meeting,
        f"/c/{slug}/stories/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    gardener = [
        "/",
        f"/c/{slug}/",
        f"/c/{slug}/threads/new/",
        thread,
        f"/c/{slug}/settings/",
        f"/c/{slug}/settings/people/",
        f"/c/{slug}/moderation/",
        "/c/adult-literacy-tutors/",
        "/profile/edit/",
        "/u/amara/",
        "/communities/new/",
        f"/c/{slug}/dashboard/",
        f"/c/{slug}/assets/new/",
        f"/c/{slug}/meetings/new/",
        "/calendar/",
        "/notifications/",
        "/notifications/preferences/",
    ]
    return {"": public, "amara@example.org": gardener}


def _violations(page) -> list[str]:
    # Through the DevTools protocol, not as an inline <script>: the page's policy forbids those.
    page.evaluate(AXE)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in BLOCKING
    ]


def _overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 = it reflows)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_axe_finds_no_serious_problems_on_the_main_pages(demo, page, request):
    problems = {}
    for who, paths in _pages(demo).items():
        if who:
            sign_in(page, who, DEMO_PASSWORD)
        for path in paths:
            response = page.goto(path)
            assert response.status == 200, path
            found = _violations(page)
            if found:
                problems[f"{who or 'anonymous'} {path}"] = found
                save_screenshot(page, request.node.name, f"{who}-{path}")
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


@pytest.mark.parametrize("width", [390])
def test_pages_reflow_on_a_phone_and_at_double_text_size(demo, page, request, width):
    sign_in(page, "amara@example.org", DEMO_PASSWORD)
    wide = {}
    for path in _pages(demo)["amara@example.org"]:
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(path)
        if _overflow(page) > 1:
            wide[f"{path} at {width}px"] = _overflow(page)
            save_screenshot(page, request.node.name, f"{width}-{path}")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        if _overflow(page) > 1:
            wide[f"{path} at 200% text"] = _overflow(page)
            save_screenshot(page, request.node.name, f"200pct-{path}")
    assert not wide, f"pages wider than the window (px): {wide}"


def _tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until the element has focus, as a keyboard user would."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(el) => document.activeElement === el", target):
            return
    raise AssertionError(f"could not reach {locator} with the Tab key")


def test_join_post_and_reply_with_the_keyboard_only(demo, page, shot):
    community = demo["community"]
    community.join_policy = "open"
    community.save()
    sign_in(page, "noor@example.org", DEMO_PASSWORD)
    page.goto(f"/c/{community.slug}/")

    _tab_to(page, page.get_by_role("button", name="Join").first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Leave")).to_be_visible()

    page.goto(f"/c/{community.slug}/threads/new/")
    _tab_to(page, page.get_by_label("Title:", exact=True))
    page.keyboard.type("Keyboard-only: how do you run quizzes?")
    _tab_to(page, page.get_by_role("checkbox", name="Seeking experience", exact=False))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_label("Message"))
    page.keyboard.type("I would like to hear what worked for you.")
    _tab_to(page, page.get_by_role("button", name="Start the thread"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        "Keyboard-only: how do you run quizzes?"
    )

    _tab_to(page, page.get_by_label("Your reply"))
    page.keyboard.type("Adding a detail: my groups are mixed ability.")
    _tab_to(page, page.get_by_role("button", name="Post reply"))
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("my groups are mixed ability")
    shot("keyboard-reply-posted")

    # Upload: every field is reached and set from the keyboard. Only the file itself comes
    # from the operating system's file chooser, which no page can drive; Playwright stands in.
    page.goto(f"/c/{community.slug}/assets/new/")
    _tab_to(page, page.get_by_label("File", exact=True))
    page.keyboard.press("Space")
    _tab_to(page, page.get_by_label("Title:"))
    page.keyboard.type("Keyboard-only: quiz checklist")
    file_input = page.locator("main form input[type=file]")
    _tab_to(page, file_input)
    file_input.set_input_files(
        {
            "name": "checklist.pdf",
            "mimeType": "application/pdf",
            "buffer": simple_pdf("Quiz checklist", ["Check the link works."]),
        }
    )
    _tab_to(page, page.get_by_label("Summary:"))
    page.keyboard.type("Five checks before a quiz goes out.")
    _tab_to(page, page.get_by_role("button", name="Share it"))
    page.keyboard.press("Enter")
    expect(page.locator("h2.thread-heading")).to_have_text("Keyboard-only: quiz checklist")
    shot("keyboard-asset-shared")

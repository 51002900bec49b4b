"""The library in a real browser: a lesson plan shared, improved, downloaded and adapted
into another community, with the lineage and reuse count on both pages.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import importlib
import io
import os
import re

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
from demo.assets import simple_pdf
from tests.browser.test_journeys import sign_in, sign_out
from tests.factories import CommunityFactory, UserFactory, add_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

seed_behaviours = importlib.import_module("discussions.migrations.0002_seed_behaviours").seed


TITLE = "Persuasive writing: a two-lesson plan for Year 9"


def _pdf(name: str, heading: str) -> dict:
    data = simple_pdf(heading, ["Lesson 1: read two adverts.", "Lesson 2: write your own."])
    return {"name": name, "mimeType": "application/pdf", "buffer": data}


def test_a_lesson_plan_is_shared_improved_downloaded_and_adapted(page, shot):
    gardener = UserFactory(display_name="Grace Gardener")
    english = CommunityFactory(name="English teachers", creator=gardener)
    science = CommunityFactory(name="Science teachers", creator=UserFactory())
    author = add_member(english, UserFactory(display_name="Amal Author")).user
    adapter = add_member(english, UserFactory(display_name="Sam Adapter")).user
    add_member(science, adapter)

    # 1. A member shares a lesson-plan PDF through the form.
    sign_in(page, author.email)
    page.goto(f"/c/{english.slug}/")
    page.get_by_role("navigation", name="Community").get_by_role("link", name="Library").click()
    expect(page.locator("main")).to_contain_text("The library is empty.")
    page.get_by_role("link", name="Share an asset").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Share an asset")
    form = page.locator("main form.card")
    form.get_by_label("File", exact=True).check()
    form.get_by_label("Title:").fill(TITLE)
    form.locator("input[type=file]").set_input_files(_pdf("Persuasive writing.pdf", "Version 1"))
    form.get_by_label("Summary:").fill("Two lessons on **persuasive** writing, with adverts.")
    form.get_by_label("Tags (optional):").fill("lesson plan, year 9")
    form.get_by_label("Public (when the community is public)").check()
    shot("01-share-form-filled")
    form.get_by_role("button", name="Share it").click()
    expect(page.locator(".messages")).to_contain_text("It is in the library.")
    expect(page.locator("h2.thread-heading")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("Download Persuasive writing.pdf")
    shot("02-asset-published")

    # 2. The author adds a second version with a change note.
    page.get_by_role("link", name="Add a new version").click()
    page.locator("input[type=file]").set_input_files(_pdf("Persuasive writing v2.pdf", "V2"))
    page.get_by_label("What changed?").fill("Added a writing frame for lower sets")
    shot("03-new-version-form")
    page.get_by_role("button", name="Save the new version").click()
    expect(page.locator(".messages")).to_contain_text("New version saved")
    versions = page.locator("table tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("Added a writing frame for lower sets")
    expect(versions.nth(1)).to_contain_text("First version")
    shot("04-two-versions")
    sign_out(page)

    # 3. Another member, who also belongs to another community, downloads it and adapts it.
    sign_in(page, adapter.email)
    page.goto(f"/c/{english.slug}/assets/")
    page.get_by_role("link", name=TITLE).click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Download Persuasive writing v2\.pdf")).click()
    assert download.value.suggested_filename == "Persuasive writing v2.pdf"
    page.reload()
    expect(page.locator(".reuse-count")).to_have_text("Reused 1 time")
    page.get_by_role("link", name="Adapt this asset").click()
    page.get_by_label("Into which community?").select_option(label="Science teachers")
    page.get_by_label("Title of your adaptation").fill("Persuasive writing for science reports")
    page.get_by_label("Why adapt it? (optional)").fill("Our Year 9s argue from evidence too.")
    shot("05-adapt-form")
    page.get_by_role("button", name="Make my adaptation").click()
    expect(page.locator(".messages")).to_contain_text("Your adaptation is in the library.")
    expect(page.locator("h1")).to_have_text("Science teachers")
    lineage = page.locator(".lineage")
    expect(lineage).to_contain_text(f"Adapted from {TITLE}")
    expect(lineage).to_contain_text("in English teachers")
    shot("06-adaptation-page")

    # 4. The original shows what was made from it and counts both reuses.
    lineage.get_by_role("link", name=TITLE).click()
    expect(page.locator(".lineage")).to_contain_text("Persuasive writing for science reports")
    expect(page.locator(".lineage")).to_contain_text("by Sam Adapter in Science teachers")
    expect(page.locator(".reuse-count")).to_have_text("Reused 2 times")
    expect(page.locator("main")).to_contain_text("Our Year 9s argue from evidence too.")
    shot("07-original-with-lineage")
    page.goto(f"/c/{english.slug}/assets/?sort=reused")
    expect(page.locator(".asset-row").first).to_contain_text("reused 2 times")
    shot("08-library-most-reused")
    assert Asset.objects.count() == 2


def test_the_demo_library_shows_its_adaptation_chain(page, shot, transactional_db):
    seed_behaviours(apps, None)
    call_command("seed_demo", stdout=io.StringIO())
    sign_in(page, "joy@example.org", "practice-together")
    page.goto("/c/adult-literacy-tutors/assets/")
    expect(page.locator(".asset-row")).to_have_count(2)
    shot("01-demo-library")
    page.get_by_role("link", name="Budgeting with real bills: ESOL version").click()
    lineage = page.locator(".lineage")
    expect(lineage).to_contain_text(
        "Adapted from Budgeting with real bills: a two-hour session plan"
    )
    expect(lineage).to_contain_text("Talking about bills with young people leaving care")
    shot("02-demo-middle-of-chain")
    page.goto("/c/northfield-elearning/assets/")
    page.get_by_role("link", name="First lesson with a new tool: our checklist").click()
    expect(page.locator("main")).to_contain_text("Started from the thread")
    shot("03-demo-living-document")
    page.get_by_role("button", name="Show the changes").click()
    expect(page.locator(".diff")).to_contain_text("+- Test the login with a pupil account")
    shot("04-demo-living-document-diff")


def test_a_documentation_thread_becomes_a_living_document_and_is_edited(page, shot, behaviours):
    from tests.factories import ThreadFactory

    gardener = UserFactory(display_name="Grace Gardener")
    community = CommunityFactory(name="Mentors", creator=gardener)
    writer = add_member(community, UserFactory(display_name="Wen Writer")).user
    thread = ThreadFactory(
        community=community,
        author=gardener,
        title="Our mentoring first-meeting guide",
        body="## First meeting\n\n- Agree how often to meet.",
        behaviour_codes=["documentation-projects"],
    )
    sign_in(page, writer.email)
    page.goto(thread.get_absolute_url())
    leads = page.locator(".thread-leads")
    expect(leads).to_contain_text("What this thread can lead to")
    shot("01-thread-offers-a-living-document")
    leads.get_by_role("link", name="Turn into a living document").click()
    page.get_by_role("button", name="Start the living document").click()
    expect(page.locator(".messages")).to_contain_text("The living document is started.")
    expect(page.locator("main")).to_contain_text("Agree how often to meet.")
    page.get_by_role("link", name="Edit the document").click()
    text = page.get_by_label("Text:")
    text.fill(text.input_value() + "\n- Swap phone numbers.")
    page.get_by_label("What changed?").fill("Added contact details")
    page.get_by_role("button", name="Save the new version").click()
    expect(page.locator("main")).to_contain_text("Swap phone numbers.")
    page.get_by_role("button", name="Show the changes").click()
    expect(page.locator(".diff ins")).to_contain_text("+- Swap phone numbers.")
    shot("02-living-document-diff")
    page.goto(thread.get_absolute_url())
    expect(page.locator(".thread-leads")).to_contain_text("Open the living document")
    expect(page.locator("main")).to_contain_text("From the library")
    shot("03-thread-links-to-its-document")


def test_library_pages_pass_axe_and_reflow_on_a_phone(page, request, transactional_db):
    from tests.browser.conftest import save_screenshot
    from tests.browser.test_accessibility import _overflow, _violations

    seed_behaviours(apps, None)
    call_command("seed_demo", stdout=io.StringIO())
    slug = "northfield-elearning"
    plan = Asset.objects.get(title__startswith="Retrieval quiz starter: a ten")
    living = Asset.objects.get(title="First lesson with a new tool: our checklist")
    paths = [
        f"/c/{slug}/assets/",
        f"/c/{slug}/assets/?sort=reused&kind=file",
        plan.get_absolute_url(),
        living.get_absolute_url(),
        f"{living.get_absolute_url()}diff/?from=1&to=2",
        f"/c/{slug}/assets/new/",
        f"{plan.get_absolute_url()}versions/new/",
        f"{plan.get_absolute_url()}adapt/",
        f"/c/{slug}/assets/cite/{living.citations.get().thread_id}/",
    ]
    sign_in(page, "amara@example.org", "practice-together")
    problems, wide = {}, {}
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 900})
        assert page.goto(path).status == 200, path
        found = _violations(page)
        if found:
            problems[path] = found
            save_screenshot(page, request.node.name, f"axe-{path}")
        page.set_viewport_size({"width": 390, "height": 844})
        if _overflow(page) > 1:
            wide[path] = _overflow(page)
            save_screenshot(page, request.node.name, f"390-{path}")
    assert not problems, problems
    assert not wide, f"pages wider than a phone (px): {wide}"

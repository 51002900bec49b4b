"""A member sets how often each community writes, and a digest reads well as HTML.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import os
from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from communities.models.choices import Role
from digests.models import DigestPreference, Kind
from digests.tasks import send_community_digests
from rhythm import services as meetings
from tests.browser.test_journeys import sign_in
from tests.factories import CommunityFactory, ThreadFactory, UserFactory, add_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_chooses_daily_for_one_community_and_off_for_another(behaviours, page, shot):
    fatima = UserFactory(display_name="Fatima Reader")
    add_member(CommunityFactory(name="Northfield e-learning committee"), user=fatima)
    quiet = CommunityFactory(name="Adult literacy tutors")
    add_member(quiet, user=fatima)
    sign_in(page, fatima.email)
    page.goto("/notifications/preferences/")
    page.get_by_role("link", name="Community digests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Community digests")
    shot("1-weekly-by-default")
    page.get_by_role("group", name="Northfield e-learning committee").get_by_label("Daily").check()
    page.get_by_role("group", name="Adult literacy tutors").get_by_label("Off").check()
    page.get_by_role("button", name="Save choices").click()
    expect(page.get_by_text("Your digest choices are saved.")).to_be_visible()
    shot("2-saved")
    assert DigestPreference.objects.get(user=fatima, community=quiet).frequency == "off"


def test_a_rendered_digest(behaviours, page, shot):
    run = datetime(2026, 11, 16, 6, tzinfo=UTC)
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC), tick=False):
        community = CommunityFactory(name="Northfield e-learning committee")
        gardener = community.memberships.get(role=Role.GARDENER).user
        reader = add_member(community, UserFactory(display_name="Fatima Reader")).user
        asker = add_member(community, UserFactory(display_name="Dev Patel")).user
        meetings.create_meeting(
            author=gardener,
            community=community,
            details=meetings.MeetingDetails(
                title="Fortnightly committee",
                kind="regular",
                day=date(2026, 11, 19),
                start_time=time(16),
                end_time=time(17),
                timezone="Europe/London",
            ),
        )
    threads = [
        ("Year 9 ignore the online quizzes — what would you try?", ["problem-solving"]),
        ("Has anyone visited the Eastgate flipped-classroom pilot?", ["visits"]),
        ("Where do you keep your lesson templates?", ["requests-for-information"]),
        ("Our new moodle course layout, one term in", ["discussing-developments"]),
    ]
    for n, (title, codes) in enumerate(threads):
        with time_machine.travel(run - timedelta(days=4, hours=n), tick=False):
            ThreadFactory(
                community=community,
                author=asker,
                title=title,
                behaviour_codes=codes,
                body="We tried **exit tickets** for a term; fewer than a third answered.",
            )
    with time_machine.travel(run, tick=False):
        send_community_digests(community.pk, Kind.WEEKLY, run.isoformat())
    [message] = [m for m in mail.outbox if m.to == [reader.email]]
    page.set_content(message.alternatives[0][0])
    expect(page.get_by_role("heading", level=1)).to_have_text("Northfield e-learning committee")
    expect(page.get_by_role("heading", name="Questions you could help with")).to_be_visible()
    shot("digest-html")


def test_a_rendered_sponsor_digest(behaviours, page, shot):
    run = datetime(2026, 11, 16, 6, tzinfo=UTC)
    with time_machine.travel(datetime(2026, 11, 1, tzinfo=UTC), tick=False):
        community = CommunityFactory(name="Northfield e-learning committee")
        sponsor = add_member(community, UserFactory(display_name="Marta Sponsor"), Role.SPONSOR)
        asker = add_member(community, UserFactory(display_name="Dev Patel")).user
    with time_machine.travel(run - timedelta(days=3), tick=False):
        ThreadFactory(community=community, author=asker, title="Quizzes nobody opens")
    with time_machine.travel(run, tick=False):
        send_community_digests(community.pk, Kind.SPONSOR, run.isoformat())
    [message] = mail.outbox
    assert message.to == [sponsor.user.email]
    page.set_content(message.alternatives[0][0])
    dashboard = page.get_by_role("link", name="Open the dashboard for the whole picture")
    expect(dashboard).to_be_visible()
    shot("sponsor-digest-html")

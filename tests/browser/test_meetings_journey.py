"""A fortnightly meeting in a real browser: scheduled, answered, in a calendar, one cancelled.

Screenshots land in artifacts/screenshots/<test>-<step>.png so a person can look at them.
"""

import os
import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from icalendar import Calendar

try:
    from playwright.sync_api import expect
except ImportError:  # the dev extra installs it; CI must not skip silently
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("browser tests need the playwright package", allow_module_level=True)

from rhythm import reminders
from rhythm import services as meetings
from rhythm.models import CalendarToken, MeetingOccurrence, MeetingSeries, Rsvp
from tests.browser.test_journeys import sign_in, sign_out
from tests.factories import CommunityFactory, UserFactory, add_member
from tests.meetings.conftest import details

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_gardener_schedules_member_answers_downloads_and_a_cancelled_one_sends_no_reminder(
    page, shot, tmp_path
):
    gardener = UserFactory(display_name="Amara Gardener", timezone="Europe/London")
    community = CommunityFactory(name="E-learning committee", creator=gardener)
    member = add_member(community, UserFactory(display_name="Ben Member")).user
    first_day = (datetime.now(UTC) + timedelta(days=3)).date()

    # 1. The gardener schedules a fortnightly meeting from the Meetings tab.
    sign_in(page, gardener.email)
    page.goto(f"/c/{community.slug}/")
    page.get_by_role("navigation", name="Community").get_by_role("link", name="Meetings").click()
    expect(page.locator("main")).to_contain_text("No meetings planned yet.")
    page.get_by_role("link", name="Schedule a meeting").click()
    form = page.locator("main form.card")
    form.get_by_label("Title").fill("Fortnightly committee")
    form.get_by_label("Date (of the first meeting)").fill(first_day.isoformat())
    form.get_by_label("Starts at").fill("16:00")
    form.get_by_label("Ends at").fill("17:00")
    form.get_by_label("Time zone").select_option("Europe/London")
    form.get_by_label("Every other week").check()
    form.get_by_label("Place").fill("Room B12")
    form.get_by_label("Agenda").fill("1. What we tried\n2. **One** template to improve")
    shot("01-schedule-form")
    form.get_by_role("button", name="Schedule it").click()
    expect(page.locator(".messages")).to_contain_text("The meeting is scheduled.")
    expect(page.locator(".prose strong")).to_have_text("One")
    expect(page.locator("main")).to_contain_text("Every other week")
    shot("02-meeting-page")
    series = MeetingSeries.objects.get()
    sign_out(page)

    # 2. The member answers "going" for the first meeting (htmx swaps the buttons in place).
    sign_in(page, member.email)
    page.goto(f"/c/{community.slug}/meetings/")
    first_row = page.locator(".meeting-row").first
    first_row.get_by_role("button", name="Going", exact=True).click()
    expect(first_row.locator(".rsvp")).to_contain_text("your answer is saved")
    expect(first_row.get_by_role("button", name="Going", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    shot("03-member-going")
    assert Rsvp.objects.get(user=member).answer == "going"

    # 3. ... and downloads the meeting for their calendar.
    page.locator(".meeting-row").first.get_by_role("link", name="Fortnightly committee").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar (.ics)").click()
    saved = tmp_path / "meeting.ics"
    download_info.value.save_as(saved)
    events = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert len(events) == 1
    assert events[0]["RRULE"]["INTERVAL"] == [2]
    assert str(events[0]["SUMMARY"]).startswith("Fortnightly committee")
    sign_out(page)

    # 4. The gardener cancels the second meeting, with a note.
    sign_in(page, gardener.email)
    page.goto(series.get_absolute_url())
    page.locator(".meeting-row").nth(1).get_by_role("link", name="Fortnightly committee").click()
    page.get_by_label("Why (shown to members)").fill("Parents' evening")
    page.get_by_role("button", name="Cancel this meeting").click()
    expect(page.locator(".messages")).to_contain_text("This meeting is cancelled.")
    shot("04-occurrence-cancelled")
    page.goto(f"/c/{community.slug}/meetings/")
    expect(page.locator(".meeting-row").nth(1)).to_contain_text("Cancelled")
    expect(page.locator(".meeting-row").nth(1)).to_contain_text("Parents' evening")
    shot("05-meetings-with-cancelled")
    page.goto(f"/c/{community.slug}/")
    expect(page.locator("#next-meeting + p")).to_contain_text("Fortnightly committee")
    shot("06-home-next-meeting")

    # 5. The reminder for the cancelled meeting is not sent; the first one's is.
    cancelled = MeetingOccurrence.objects.get(status="cancelled").original_start
    mail.outbox.clear()
    assert reminders.send_due_reminders(cancelled - timedelta(hours=1)) == 0
    assert [m for m in mail.outbox if member.email in m.to] == []
    assert reminders.send_due_reminders(series.starts_at - timedelta(hours=1)) == 2
    assert [m.subject for m in mail.outbox if member.email in m.to] == [mail.outbox[0].subject]


def test_member_sets_reminders_and_a_calendar_address_gardener_records_attendance(page, shot):
    gardener = UserFactory(display_name="Amara Gardener")
    community = CommunityFactory(name="Peer circle", creator=gardener, visibility="private")
    member = add_member(community, UserFactory(display_name="Ben Member")).user
    last_week = (datetime.now(UTC) - timedelta(days=7)).date()
    series = meetings.create_meeting(
        author=gardener,
        community=community,
        details=details(title="Case review", day=last_week, pattern="once", timezone="UTC"),
    )

    # 1. The member keeps only the 1-hour reminder and makes a secret calendar address.
    sign_in(page, member.email)
    page.goto("/calendar/")
    expect(page.get_by_label("24 hours before")).to_be_checked()
    page.get_by_label("24 hours before").uncheck()
    page.get_by_role("button", name="Save reminder times").click()
    expect(page.locator(".messages")).to_contain_text("Your reminder times are saved.")
    page.get_by_role("button", name="Address for Peer circle (members only)").click()
    expect(page.locator(".messages")).to_contain_text("Your new calendar address")
    token = CalendarToken.objects.get(user=member)
    expect(page.get_by_role("textbox", name="Calendar address to copy")).to_have_value(
        re.compile(f"{token.token}.ics$")
    )
    shot("01-calendar-settings")
    assert member.reminder_preference.offsets == [60]
    sign_out(page)

    # 2. The gardener records who came to last week's meeting and links the notes.
    sign_in(page, gardener.email)
    page.goto(series.get_absolute_url())
    page.locator(".meeting-row").first.get_by_role("link", name="Case review").click()
    page.get_by_label("Ben Member").check()
    page.get_by_label("Link to the notes or a thread").fill("https://notes.example.org/case-review")
    shot("02-attendance-form")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".messages")).to_contain_text("Attendance is recorded.")
    page.goto(f"/c/{community.slug}/meetings/")
    past = page.locator(".meeting-row").first
    expect(past).to_contain_text("1 attended")
    expect(past.get_by_role("link", name="Notes")).to_have_attribute(
        "href", "https://notes.example.org/case-review"
    )
    shot("03-past-meeting-with-attendance")

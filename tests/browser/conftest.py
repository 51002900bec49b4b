"""Browser fixtures: Debian's Chromium driven by Playwright's sync API against live_server.

The tests skip when Chromium (or Playwright) is missing, unless COPSITE_REQUIRE_BROWSER=1 is
set (CI sets it), in which case they fail loudly instead of passing silently.
"""

import os
import re
from pathlib import Path

import pytest
from django.db import connections

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
TIMEOUT_MS = 10_000


def _unavailable(reason: str):
    if os.environ.get("COPSITE_REQUIRE_BROWSER") == "1":
        pytest.fail(f"COPSITE_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"browser tests need Chromium: {reason}")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test so the page fixture can tell a failure happened.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the dev extra installs it
        _unavailable(f"the playwright package is missing ({exc})")
    # Playwright's sync API runs an event loop in this thread; Django would then refuse ORM
    # calls made by the test itself (factories, assertions). Allow them while browsers run.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            try:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            except Exception as exc:
                _unavailable(f"Chromium did not start ({exc})")
            yield browser
            browser.close()
            # While Playwright's loop runs, asgiref counts this thread as async and Django
            # keeps the connections opened meanwhile apart from the thread's own. A
            # transactional test closes them after itself, a test rolled back does not:
            # close them while they can still be reached, or the test database cannot be
            # dropped at the end.
            connections.close_all()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context (no cookies) per test, with base_url set to the live server.

    Uncaught JavaScript errors, anything the Content-Security-Policy blocks and failing
    static files fail the test: they mean a page is broken even if the text we assert on
    is there.
    """
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    js_errors: list[str] = []
    csp_violations: list[str] = []  # anything the policy blocked: a broken page
    broken_static: list[str] = []
    page.on("pageerror", lambda error: js_errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            broken_static.append(f"{response.status} {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    yield page
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        save_screenshot(page, request.node.name, "failure")
    context.close()
    assert not js_errors, f"JavaScript errors on the page: {js_errors}"
    assert not csp_violations, f"the Content-Security-Policy blocked: {csp_violations}"
    assert not broken_static, f"static files failed to load: {broken_static}"


def save_screenshot(page, test_name: str, step: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{_slug(test_name)}-{_slug(step)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def shot(page, request):
    """shot("03-joined") saves artifacts/screenshots/<test>-03-joined.png (whole page)."""

    def take(step: str) -> Path:
        return save_screenshot(page, request.node.name, step)

    return take

"""Signed-in members reading and writing, for a bounded locust run (bench/load/run.sh).

Each simulated person signs in through the allauth form, then reads the pages a member
visits and writes by submitting the forms the pages render: every field the form carries
(CSRF and any other hidden field) is sent back as the page gave it. Every write answered
with success is recorded with a unique marker; at the end the markers, the write budgets and
locust's own counts go to LOAD_MARKERS for bench/load/check.py to compare with the database.

The client stands in for the TLS-terminating proxy in front of gunicorn: it names the site's
host, says the request came over HTTPS, gives each person their own client address, and
sends the Secure cookies back over loopback.
"""

import itertools
import json
import os
import random
import re
import uuid
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from locust import HttpUser, between, events, task
from requests.cookies import RequestsCookieJar

SETUP = json.loads(open(os.environ["LOAD_MEMBERS"]).read())  # noqa: SIM115
HOST = os.environ["LOAD_SITE_HOST"]
ORIGIN = f"https://{HOST}"
COMMUNITIES = SETUP["communities"]
SPONSORED = SETUP["sponsored"]
BUDGET = SETUP["budgets"]  # writes per person, within the shipped rate limits
THREAD_LINK = re.compile(r'href="(/c/[\w-]+/threads/(\d+)/)"')
THREAD_SAVED = "Your thread is started."
REPLY_SAVED = "Your reply is posted."
RSVP_SAVED = "Thanks, your answer is saved."

PERCENTILES = {"p50": 0.5, "p95": 0.95, "p99": 0.99}

_members = itertools.count()
written = {"threads": {}, "replies": {}, "rsvps": {}}  # marker -> what the site answered


class Form:
    def __init__(self, action: str, method: str):
        self.action, self.method = action, method.lower()
        self.fields: list[tuple[str, str]] = []  # what a browser sends back as it stands
        self.checkboxes: dict[str, list[str]] = {}
        self.buttons: list[tuple[str, str]] = []
        self.textareas: list[str] = []


class Forms(HTMLParser):
    """Every form on a page with the fields it renders."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._open: Form | None = None
        self._textarea: tuple[str, list[str]] | None = None
        self._select: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "option":
            self._option(a)
            return
        if tag == "form":
            self._open = Form(a.get("action", ""), a.get("method", "get"))
            self.forms.append(self._open)
        elif self._open is None or "name" not in a or "disabled" in a:
            return  # a browser sends no unnamed or disabled field
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "checkbox":
                self._open.checkboxes.setdefault(a["name"], []).append(a.get("value", "on"))
                if "checked" in a:
                    self._open.fields.append((a["name"], a.get("value", "on")))
            elif kind in {"submit", "button"}:
                self._open.buttons.append((a["name"], a.get("value", "")))
            elif kind not in {"radio", "file", "reset", "image"} or "checked" in a:
                self._open.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._open.buttons.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea = (a["name"], [])
        elif tag == "select":
            self._select = [a["name"], None, None]  # name, first option, selected option

    def _option(self, a: dict) -> None:
        if self._select is None:
            return
        value = a.get("value") or ""
        if self._select[1] is None:
            self._select[1] = value
        if "selected" in a:
            self._select[2] = value

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None
        elif tag == "select" and self._select and self._open:
            name, first, chosen = self._select
            self._open.fields.append((name, chosen if chosen is not None else first or ""))
            self._select = None
        elif tag == "textarea" and self._textarea and self._open:
            name, text = self._textarea
            self._open.textareas.append(name)
            self._open.fields.append((name, "".join(text).removeprefix("\n")))
            self._textarea = None


def find_form(html: str, page_path: str, action: re.Pattern) -> Form | None:
    """One of the page's POST forms whose target (the page itself when it names none)
    matches ``action``, with its target made a path."""
    forms = []
    for form in Forms(html).forms:
        form.action = urlsplit(urljoin(page_path, form.action or page_path)).path
        if form.method == "post" and action.search(form.action):
            forms.append(form)
    return random.choice(forms) if forms else None


def fail(name: str, message: str) -> None:
    """Count a page that answered 200 without what a person needed as a failed request."""
    events.request.fire(
        request_type="CHECK",
        name=name,
        response_time=0,
        response_length=0,
        exception=AssertionError(message),
        context={},
    )


def filled(form: Form, **values: str) -> list[tuple[str, str]]:
    """The form's fields as rendered, with ``values`` put in place of (or beside) them."""
    data = [(k, v) for k, v in form.fields if k not in values]
    return data + list(values.items())


class LoopbackJar(RequestsCookieJar):
    """Keeps Secure cookies sendable: the proxy this client stands in for spoke HTTPS."""

    def set_cookie(self, cookie, *args, **kwargs):
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class Member(HttpUser):
    wait_time = between(0.5, 2.0)

    def on_start(self):
        number = next(_members)
        self.person = SETUP["members"][number % len(SETUP["members"])]
        self.client.cookies = LoopbackJar()
        self.client.headers.update(
            {
                "Host": HOST,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"10.77.{number // 250}.{number % 250 + 1}",
            }
        )
        self.left = dict(BUDGET)
        self.sign_in()

    # --- helpers ---------------------------------------------------------------------------

    def get(self, path: str, name: str, expect: str | None = None):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            elif expect and expect not in response.text:
                response.failure(f"{path} does not show {expect!r}")
            return response

    def post(self, page_path: str, form: Form, data, name: str):
        headers = {"Origin": ORIGIN, "Referer": ORIGIN + page_path}
        return self.client.post(
            form.action, data=data, headers=headers, name=name, catch_response=True
        )

    def community(self) -> str:
        return random.choice(COMMUNITIES)

    def some_thread(self, slug: str, hot: bool = False) -> str | None:
        """A thread from the list; ``hot``: one of the three most lately active."""
        page = self.get(f"/c/{slug}/threads/", "thread list")
        links = [
            m.group(1)
            for m in THREAD_LINK.finditer(page.text)
            if m.group(1).startswith(f"/c/{slug}/")
        ]
        links = list(dict.fromkeys(links))
        return random.choice(links[:3] if hot else links) if links else None

    # --- signing in --------------------------------------------------------------------------

    def sign_in(self):
        page = self.get("/accounts/login/", "sign-in form")
        form = find_form(page.text, "/accounts/login/", re.compile(r"/accounts/login/"))
        if form is None:
            fail("sign-in form", "no sign-in form")
            return
        data = filled(form, login=self.person["email"], password=self.person["password"])
        with self.post("/accounts/login/", form, data, "sign in") as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"sign-in answered {response.status_code} at {response.url}")

    # --- reads ---------------------------------------------------------------------------------

    @task(3)
    def home(self):
        self.get("/", "home")

    @task(3)
    def community_home(self):
        self.get(f"/c/{self.community()}/", "community")

    @task(6)
    def thread(self):
        if link := self.some_thread(self.community()):
            self.get(link, "thread")

    @task(2)
    def library(self):
        self.get(f"/c/{self.community()}/assets/", "library")

    @task(2)
    def meetings(self):
        self.get(f"/c/{self.community()}/meetings/", "meetings")

    @task(2)
    def dashboard(self):
        if self.person["sponsor"]:
            self.get(f"/c/{SPONSORED}/dashboard/", "dashboard")

    # --- writes --------------------------------------------------------------------------------

    @task(2)
    def new_thread(self):
        if not self.left["threads"]:
            return
        slug = self.community()
        path = f"/c/{slug}/threads/new/"
        page = self.get(path, "new-thread form")
        form = find_form(page.text, path, re.compile(r"/threads/new/$"))
        if form is None or not form.checkboxes.get("behaviours"):
            fail("new-thread form", f"no new-thread form with behaviours on {path}")
            return
        marker = uuid.uuid4().hex
        title = f"Load thread {marker}"
        data = filled(
            form,
            title=title,
            body=f"Opening post of load thread {marker}.",
            behaviours=random.choice(form.checkboxes["behaviours"]),
        )
        self.left["threads"] -= 1
        with self.post(path, form, data, "write: thread") as response:
            if (
                response.status_code == 200
                and THREAD_SAVED in response.text
                and title in response.text
            ):
                written["threads"][marker] = urlsplit(response.url).path
            else:
                response.failure(f"thread not started: {response.status_code} at {response.url}")

    @task(5)
    def reply(self):
        if not self.left["replies"]:
            return
        # Half the replies go to a few busy threads, so some arrive at once in one thread.
        link = self.some_thread(self.community(), hot=random.random() < 0.5)
        if link is None:
            return
        page = self.get(link, "thread")
        form = find_form(page.text, link, re.compile(r"/reply/$"))
        if form is None:
            fail("thread", f"no reply form on {link}")
            return
        marker = uuid.uuid4().hex
        body = f"Load reply {marker}"
        self.left["replies"] -= 1
        with self.post(link, form, filled(form, body=body), "write: reply") as response:
            if (
                response.status_code == 200
                and REPLY_SAVED in response.text
                and body in response.text
            ):
                written["replies"][marker] = link
            else:
                response.failure(f"reply not posted: {response.status_code} at {response.url}")

    @task(4)
    def rsvp(self):
        if not self.left["rsvps"]:
            return
        path = f"/c/{self.community()}/meetings/"
        page = self.get(path, "meetings")
        form = find_form(page.text, path, re.compile(r"/rsvp/$"))
        if form is None or not form.buttons:
            return  # no meeting coming up in this community
        button, answer = random.choice([b for b in form.buttons if b[0] == "answer"])
        self.left["rsvps"] -= 1
        with self.post(path, form, filled(form, **{button: answer}), "write: RSVP") as response:
            if response.status_code == 200 and RSVP_SAVED in response.text:
                # The last answer a person gave to an occurrence is the one that stands.
                written["rsvps"][f"{self.person['username']} {form.action}"] = answer
            else:
                response.failure(f"RSVP not saved: {response.status_code} at {response.url}")


@events.quitting.add_listener
def _record(environment, **_kwargs):
    stats = environment.stats

    def figures(entry) -> dict:
        return {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "rps": entry.total_rps,
            **{p: entry.get_response_time_percentile(q) for p, q in PERCENTILES.items()},
        }

    out = {
        "written": written,
        "budgets": BUDGET,
        "exceptions": [e["msg"] for e in environment.runner.exceptions.values()],
        "errors": [f"{e.occurrences}x {e.name}: {e.error}" for e in stats.errors.values()],
        "kinds": {name: figures(entry) for (name, _), entry in sorted(stats.entries.items())},
        "all": figures(stats.total),
    }
    with open(os.environ["LOAD_MARKERS"], "w") as handle:
        json.dump(out, handle)

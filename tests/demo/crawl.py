"""Follow the links a page shows its reader, as that reader, and note any that lead nowhere."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

from django.conf import settings
from django.test import Client

# Links that act (sign out) or leave the site's pages for a file the crawl need not read twice.
START = "(start)"
SKIP_PREFIXES = ("/accounts/logout/", "/admin/logout/", "/static/")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "link": "href"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.hrefs.append(value)


def links_in(body: str, base: str) -> list[str]:
    """The site's own addresses a page or a letter links to, as paths with their query."""
    parser = _Links()
    parser.feed(body)
    found = []
    for href in parser.hrefs:
        if href.startswith("#"):
            continue  # a place on the page itself
        url, _ = urldefrag(urljoin(base, href.replace("&amp;", "&")))
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path and not path.startswith(SKIP_PREFIXES):
            found.append(path)
    return found


@dataclass
class Crawl:
    """One reader's walk: every page they were shown a link to, and what it answered."""

    client: Client
    answers: dict[str, int] = field(default_factory=dict)
    shown_on: dict[str, str] = field(default_factory=dict)

    def open(self, path: str, *, shown_on: str) -> tuple[int, str]:
        response = self.client.get(path, follow=True)
        self.answers[path] = response.status_code
        self.shown_on.setdefault(path, shown_on)
        kind = response.get("Content-Type", "")
        readable = "html" in kind or "xml" in kind
        return response.status_code, response.content.decode() if readable else ""

    def follow(self, starts: Iterable[str], *, depth: int = 1) -> None:
        """Open the start pages, then every link they show, ``depth`` steps deep.

        A start page the reader may not open (a private community's, a members-only
        dashboard) answers 403/404 by design and is not counted: only links pages show are.
        """
        frontier = [(path, START) for path in starts]
        for step in range(depth + 1):
            next_frontier = []
            for path, origin in frontier:
                if path in self.answers:
                    continue
                status, body = self.open(path, shown_on=origin)
                if origin == START and status >= 400:
                    del self.answers[path], self.shown_on[path]
                    continue
                if step < depth and status == 200 and body:
                    next_frontier += [(link, path) for link in links_in(body, path)]
            frontier = next_frontier

    def follow_letter(self, message, *, name: str) -> None:
        """Every address a letter holds, in its text and in its HTML part."""
        site = settings.SITE_URL.rstrip("/")
        text = message.body
        for html, _ in getattr(message, "alternatives", []):
            text += "\n" + html
        for url in re.findall(re.escape(site) + r"(/[^\s\"'<>)]*)", text):
            path = url.replace("&amp;", "&").rstrip(".,")
            if not path.startswith(SKIP_PREFIXES) and path not in self.answers:
                self.open(path, shown_on=name)

    @property
    def broken(self) -> list[str]:
        return sorted(
            f"{path} answered {status} (shown on {self.shown_on[path]})"
            for path, status in self.answers.items()
            if status >= 400
        )

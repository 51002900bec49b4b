"""Follow a page's figures to the lists behind them, as the person reading the page."""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

# The row of each kind of list a figure can lead to.
ROW_CLASSES = {"thread-row", "person", "story", "meeting-row", "activity-row"}


@dataclass
class Figure:
    count: int
    href: str


@dataclass
class Listed:
    rows: int = 0
    more: int = 0
    shown: int | None = None
    next_href: str | None = None
    notes: int = 0


class _Figures(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[Figure] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "figure-link" in (attrs.get("class") or "").split():
            self.found.append(Figure(int(attrs["data-count"]), attrs["href"]))


class _List(HTMLParser):
    def __init__(self):
        super().__init__()
        self.listed = Listed()
        self._in_pagination = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "li" and classes & ROW_CLASSES:
            self.listed.rows += 1
        if "filter-note" in classes and "data-more" in attrs:
            self.listed.notes += 1
            self.listed.more = int(attrs["data-more"])
            self.listed.shown = int(attrs["data-shown"])
        if tag == "nav" and "pagination" in classes:
            self._in_pagination = True
        if tag == "a" and self._in_pagination and attrs.get("rel") == "next":
            self.listed.next_href = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav":
            self._in_pagination = False


def figures(html: str) -> list[Figure]:
    parser = _Figures()
    parser.feed(html)
    return parser.found


def follow(client, figure: Figure, base: str) -> Listed:
    """Every page of the list a figure links to: its rows, and the note's "n more"."""
    href, total, pages = urljoin(base, figure.href), Listed(), 0
    while href:
        response = client.get(href)
        assert response.status_code == 200, (figure, href, response.status_code)
        parser = _List()
        parser.feed(response.content.decode())
        page = parser.listed
        assert page.notes == 1, f"{href}: the list does not say what it is filtered by"
        total.rows += page.rows
        total.more, total.shown = page.more, page.shown
        href = urljoin(href, page.next_href) if page.next_href else None
        pages += 1
        assert pages < 50
    return total


def assert_figures_lead_to_their_lists(client, url: str) -> list[Figure]:
    """Each figure on the page equals the rows of its list plus the "n more" it names."""
    response = client.get(url)
    assert response.status_code == 200
    found = figures(response.content.decode())
    assert found, "no figure links on the page"
    wrong = []
    for figure in found:
        listed = follow(client, figure, url)
        if listed.rows + listed.more != figure.count or listed.shown != listed.rows:
            wrong.append((figure, listed))
    assert not wrong, wrong
    return found


__all__ = ["Figure", "Listed", "assert_figures_lead_to_their_lists"]

"""What the pages show one person: the addresses they link to (so a route's keywords come in
sets that belong together, a thread with its own community) and the forms they render (so a
POST is fuzzed with the fields, hidden values and choices the page really sends).

Hidden values are sent as the crawl found them. A one-use one (the submit token) stays
unused: every case's writes are rolled back, its claim included."""

from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

from tests.fuzz.routes import Field

# One page of each route that answers is enough to learn its forms and links; a cap keeps
# the crawl to a few seconds per person.
PAGES_PER_ROUTE = 1
MOST_PAGES = 90


@dataclass
class Form:
    path: str  # where it posts
    page: str  # the page that rendered it, to render it again for fresh hidden values
    fields: list[Field]
    multipart: bool = False


@dataclass(repr=False)
class Seen:
    """Per route name: the keyword sets, query keys and forms found for it."""

    kwargs: dict[str, list[dict]] = field(default_factory=dict)
    query: dict[str, dict[str, set]] = field(default_factory=dict)
    forms: dict[str, list[Form]] = field(default_factory=dict)
    pages: int = 0
    strategies: dict = field(default_factory=dict)  # built from what was seen, kept

    def __repr__(self) -> str:
        return f"Seen({self.pages} pages, {len(self.forms)} routes' forms)"

    def note_address(self, url: str, here: str) -> tuple[str, str] | None:
        """The route and path an address on this site leads to, noting what it carries."""
        parts = urlsplit(urljoin(here, url))
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            return None
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        name = match.view_name
        known = self.kwargs.setdefault(name, [])
        kwargs = {key: str(value) for key, value in match.kwargs.items()}
        if kwargs and kwargs not in known and len(known) < 8:
            known.append(kwargs)
        keys = self.query.setdefault(name, {})
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            keys.setdefault(key, set()).add(value)
        return name, parts.path


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": attrs.get("method", "get").lower(),
                "action": attrs.get("action", ""),
                "multipart": "multipart" in attrs.get("enctype", ""),
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "")
            for known in self._form["fields"]:
                if known.name == attrs["name"] and kind in ("checkbox", "radio"):
                    known.options.append(value)
                    return
            options = [value] if kind in ("checkbox", "radio") else []
            self._form["fields"].append(Field(attrs["name"], kind, value, options))
        elif tag in ("textarea", "select"):
            found = Field(attrs["name"], tag)
            self._form["fields"].append(found)
            self._select = found if tag == "select" else None
        elif tag == "option" and self._select is not None:
            self._select.options.append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def crawl(client, seeds: list[str]) -> Seen:
    """Breadth first from the seeds, at most PAGES_PER_ROUTE pages of any one route that
    answered 200 (a seed that answers 404 costs little and teaches nothing)."""
    seen = Seen()
    visits: dict[str, int] = {}
    queue = deque(seeds)
    done: set[str] = set()
    while queue and seen.pages < MOST_PAGES:
        path = queue.popleft()
        if path in done:
            continue
        done.add(path)
        route = seen.note_address(path, "/")
        if route is None or visits.get(route[0], 0) >= PAGES_PER_ROUTE:
            continue
        response = client.get(path)
        seen.pages += 1
        if response.status_code != 200:
            continue
        visits[route[0]] = visits.get(route[0], 0) + 1
        if "html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode(errors="replace"))
        for link in page.links:
            found = seen.note_address(link, path)
            if found and found[1] not in done:
                queue.append(found[1])
        for form in page.forms:
            target = seen.note_address(form["action"] or path, path)
            if target is None:
                continue
            if form["method"] == "get":
                keys = seen.query.setdefault(target[0], {})
                for item in form["fields"]:
                    keys.setdefault(item.name, set()).update({item.value, *item.options})
                continue
            kept = seen.forms.setdefault(target[0], [])
            if len(kept) < 4 and all(known.path != target[1] for known in kept):
                kept.append(Form(target[1], path, form["fields"], form["multipart"]))
    return seen

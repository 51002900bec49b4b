"""Hypothesis strategies for what people (and scripts) send: addresses with unknown or
absurd values, query strings, and form posts with missing, repeated, oversized or
ill-typed fields."""

import functools
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from hypothesis import reject
from hypothesis import strategies as st

from tests.assets.conftest import PDF_BYTES, png
from tests.fuzz.crawl import Form, Seen
from tests.fuzz.routes import Field, Route, fields_in_code, query_keys

OMIT = object()  # leave the field out
KEEP = object()  # send what the page rendered (filled in when the case is sent)
# Small, so an oversized upload is cheap to send (the fuzz test sets the limits to this).
UPLOAD_LIMIT = 64 * 1024

TEXT = st.characters(exclude_categories=("Cs",))  # what UTF-8 can carry
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "%00",
    "null",
    "None",
    "undefined",
    "-1",
    "0",
    "1",
    "01",
    "1e400",
    "NaN",
    "inf",
    "-0",
    "9" * 40,
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "10000-01-01",
    "2026-13-01",
    "1-1-1",
    "2026-01-01T25:00",
    "0001-01-01",
    "1900-01-01",
    "2026-W53",
    "20261310T990000Z",
    "25:61",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "\u202e\u200b",
    "😀" * 50,
    "ü" * 300,
    "a" * 10_000,
    "x\r\ny",
    "[]",
    "{}",
    "true",
    "on",
    "off",
    "https://example.org/",
    "javascript:alert(1)",
    "//evil.example",
    "a@b",
    "@",
    "#",
    "?",
]


# Building a strategy costs more than drawing from it: each is built once and kept.
@functools.cache
def scalars(world_values: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(NASTY),
        st.text(TEXT, max_size=40),
        st.integers().map(str),
        st.integers(min_value=-(2**80), max_value=2**80).map(str),
        st.dates().map(lambda d: d.isoformat()),
        st.datetimes().map(lambda d: d.isoformat()),
        st.sampled_from(world_values),
    )


def _random_value(regex: str) -> st.SearchStrategy[str]:
    if regex == "[0-9]+":
        return st.one_of(
            st.integers(0, 10**6).map(str),
            st.sampled_from(["0", str(2**31), str(2**63), "9" * 30, "0001"]),
        )
    if regex in ("[^/]+", ".+"):
        return st.text(TEXT.filter(lambda c: c != "/"), min_size=1, max_size=80)
    return st.from_regex(rf"\A(?:{regex})\Z").filter(lambda v: "\n" not in v and len(v) < 200)


def _once(seen: Seen, key, build):
    """Strategies built from one person's crawl (and the world it crawled), kept with it."""
    if key not in seen.strategies:
        seen.strategies[key] = build()
    return seen.strategies[key]


def paths(route: Route, world, seen: Seen) -> st.SearchStrategy[str]:
    return _once(seen, ("path", route.name), lambda: _paths(route, world, seen))


def _paths(route: Route, world, seen: Seen) -> st.SearchStrategy[str]:
    """An address of the route: with keywords from the pages, from the world, or made up."""
    known = seen.kwargs.get(route.name, [])
    generated = st.fixed_dictionaries(
        {
            name: st.one_of(st.sampled_from(world.values[name]), _random_value(regex))
            if world.values.get(name)
            else _random_value(regex)
            for name, regex in route.kwargs
        }
    )
    options = [st.sampled_from(known), generated] if known else [generated]
    return st.one_of(*options).map(lambda kwargs: _reverse(route, kwargs, known))


def _reverse(route: Route, kwargs: dict, known: list[dict]) -> str:
    """The address; a made-up value reverse() refuses falls back to one the pages showed."""
    for attempt in (kwargs, *known[:1]):
        try:
            return reverse(route.name, kwargs=attempt)
        except NoReverseMatch:
            continue
    reject()


RAW_TAILS = ["", "", "", "&%zz", "&%ff%fe=1", "&=&&", "&a=%00", "&page[]=1", "&;=;"]


def query_strings(route: Route, world, seen: Seen) -> st.SearchStrategy[str]:
    return _once(seen, ("query", route.name), lambda: _queries(route, world, seen))


def _queries(route: Route, world, seen: Seen) -> st.SearchStrategy[str]:
    on_page = seen.query.get(route.name, {})
    keys = sorted(set(query_keys()) | set(on_page))
    values = sorted({value for found in on_page.values() for value in found} - {""})
    pairs = st.lists(
        st.tuples(
            st.one_of(st.sampled_from(keys), st.text(TEXT, max_size=12)),
            scalars(tuple(world.flat + values)),
        ),
        max_size=6,
    )
    return st.tuples(pairs, st.sampled_from(RAW_TAILS)).map(
        lambda drawn: urlencode(drawn[0]) + drawn[1]
    )


@st.composite
def uploads(draw) -> SimpleUploadedFile:
    name = draw(
        st.one_of(
            st.sampled_from(["a.pdf", "a.png", "a.exe", "", ".", "a" * 300]),
            st.text(TEXT, max_size=30),
        )
    )
    content = draw(
        st.one_of(
            st.just(b""),
            st.binary(max_size=512),
            st.just(PDF_BYTES),
            st.just(png()),
            st.just(PDF_BYTES + b"\0" * UPLOAD_LIMIT),  # over the limit
        )
    )
    kind = draw(st.sampled_from(["application/pdf", "image/png", "text/plain", ""]))
    name = name.replace("\x00", "").replace("/", "").replace("\\", "")
    if name in ("", ".", ".."):
        name = "upload"  # Django's parser drops such names before any view sees them
    return SimpleUploadedFile(name, content, content_type=kind)


def _field_values(item: Field, values: tuple[str, ...]) -> st.SearchStrategy:
    if item.kind == "file":
        return st.one_of(st.just(OMIT), uploads())
    choices = [st.just(KEEP), st.just(OMIT), scalars(values)]
    if item.options:
        choices.append(st.sampled_from(item.options))
        choices.append(st.lists(st.sampled_from(item.options), min_size=2, max_size=4))
    choices.append(st.lists(scalars(values), min_size=2, max_size=3))
    return st.one_of(*choices)


def form_data(form: Form, world, seen: Seen) -> st.SearchStrategy[dict]:
    """Each field kept as rendered, left out, one of its choices, anything, or repeated;
    and a key or two nobody asked for."""
    shape = tuple((f.name, f.kind, tuple(f.options)) for f in form.fields)
    drawn = _once(seen, ("form", shape), lambda: _form_values(form.fields, world))
    rendered = {f.name: f.value for f in form.fields}
    return drawn.map(lambda pairs: _filled(pairs, rendered))


def _form_values(fields: list[Field], world) -> st.SearchStrategy:
    values = tuple(world.flat)
    named = st.tuples(*(st.tuples(st.just(f.name), _field_values(f, values)) for f in fields))
    extra = st.lists(st.tuples(st.text(TEXT, max_size=12), scalars(values)), max_size=2)
    return st.tuples(named, extra)


def _filled(pairs, rendered: dict) -> dict:
    named, extra = pairs
    data: dict = {}
    for name, value in named:
        if value is KEEP:
            data[name] = rendered[name]
        elif value is not OMIT:
            data[name] = value
    for key, value in extra:
        data.setdefault(key, value)
    return data


def forms_for(route: Route, seen: Seen, path: str) -> st.SearchStrategy[Form]:
    """The forms the pages rendered for this route; else the fields its code declares."""
    rendered = seen.forms.get(route.name, [])
    if rendered:
        return _once(seen, ("forms", route.name), lambda: st.sampled_from(rendered))
    return st.just(Form(path, "", list(fields_in_code(route.module))))

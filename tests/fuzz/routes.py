"""Every route the site answers, read from the URL resolver, and what each one reads.

Nothing here is a hand list: a route added tomorrow is fuzzed tomorrow. What a route reads
comes from the code (the query parameters the apps' views and filters read, the fields of
the forms a view module uses) and, in the run, from the pages themselves (see crawl.py).
"""

import functools
import inspect
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.conf import settings
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

ROOT = Path(settings.BASE_DIR)
# Django's own admin answers only staff; it is fuzzed as staff, apart from the site's pages.
ADMIN = "admin"


@dataclass(frozen=True)
class Route:
    name: str  # "discussions:thread", as reverse() takes it
    kwargs: tuple[tuple[str, str], ...]  # (keyword, regex its value must match)
    methods: frozenset[str]  # of GET and POST, those the view may answer
    module: str  # where the view lives: its forms and the POST fields it reads

    @property
    def is_admin(self) -> bool:
        return self.name.startswith(f"{ADMIN}:")

    def __str__(self) -> str:
        return self.name


def _group_regexes(regex: str) -> dict[str, str]:
    """The named groups of a regex route, each with the pattern inside its parentheses."""
    found = {}
    for start in re.finditer(r"\(\?P<(\w+)>", regex):
        depth, i = 1, start.end()
        while depth and i < len(regex):
            depth += {"(": 1, ")": -1}.get(regex[i], 0) if regex[i - 1] != "\\" else 0
            i += 1
        found[start.group(1)] = regex[start.end() : i - 1]
    return found


def _kwargs(patterns) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for pattern in patterns:
        if isinstance(pattern, RoutePattern):
            for name, converter in pattern.converters.items():
                found[name] = converter.regex
        elif isinstance(pattern, RegexPattern):
            found.update(_group_regexes(pattern._regex))
    return tuple(found.items())


def _declared_methods(view) -> set[str] | None:
    """What require_http_methods (and require_POST/GET) allow, looking through wrappers."""
    seen = view
    while seen is not None:
        code = getattr(seen, "__code__", None)
        if code is not None and seen.__closure__:
            for name, cell in zip(code.co_freevars, seen.__closure__, strict=False):
                if name == "request_method_list":
                    return {method.upper() for method in cell.cell_contents}
        seen = getattr(seen, "__wrapped__", None)
    return None


def _methods(view) -> frozenset[str]:
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return frozenset(m.upper() for m in ("get", "post") if hasattr(view_class, m))
    declared = _declared_methods(view)
    if declared is None:
        return frozenset({"GET", "POST"})  # the view decides by request.method itself
    return frozenset(declared & {"GET", "POST"})


def _module(view) -> str:
    view_class = getattr(view, "view_class", None)
    return (view_class or inspect.unwrap(view)).__module__


def _walk(patterns, prefix=(), namespace=()):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (*namespace, entry.namespace) if entry.namespace else namespace
            yield from _walk(entry.url_patterns, (*prefix, entry.pattern), inner)
        else:
            yield (*prefix, entry.pattern), namespace, entry


@functools.cache
def all_routes() -> tuple[Route, ...]:
    routes = {}
    for patterns, namespace, entry in _walk(get_resolver().url_patterns):
        if not entry.name:
            continue  # nothing can link to it (the admin's catch-all redirect)
        name = ":".join((*namespace, entry.name))
        if name in routes:
            continue  # reverse() finds the first of two routes with one name
        methods = _methods(entry.callback)
        if methods:
            routes[name] = Route(
                name=name,
                kwargs=_kwargs(patterns),
                methods=methods,
                module=_module(entry.callback),
            )
    return tuple(routes.values())


def site_routes() -> list[Route]:
    return [route for route in all_routes() if not route.is_admin]


def admin_routes() -> list[Route]:
    return [route for route in all_routes() if route.is_admin]


def _project_sources() -> list[str]:
    skip = {"tests", "bench", "docs", "scripts", "var", "demo", ".venv"}
    return [
        path.read_text()
        for path in ROOT.glob("*/**/*.py")
        if path.relative_to(ROOT).parts[0] not in skip and "migrations" not in path.parts
    ]


READS = re.compile(r"""(?:GET|query|params)\.get(?:list)?\(\s*["']([\w\-\[\]]+)["']""")


@functools.cache
def query_keys() -> tuple[str, ...]:
    """Every query parameter the site's code reads (request.GET and the filters it feeds)."""
    names = {name for source in _project_sources() for name in READS.findall(source)}
    return tuple(sorted(names | {"next", "page"}))


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, time, email, url, checkbox, select, file, hidden, ...
    value: str = ""
    options: list[str] = field(default_factory=list)


POSTED = re.compile(r"""POST\.get(?:list)?\(\s*["']([\w\-]+)["']""")


def _kind(form_field: forms.Field) -> str:
    for klass, kind in (
        (forms.FileField, "file"),
        (forms.BooleanField, "checkbox"),
        (forms.IntegerField, "number"),
        (forms.DateTimeField, "datetime-local"),
        (forms.DateField, "date"),
        (forms.TimeField, "time"),
        (forms.EmailField, "email"),
        (forms.URLField, "url"),
        (forms.ChoiceField, "select"),
    ):
        if isinstance(form_field, klass):
            return kind
    return "text"


@functools.cache
def fields_in_code(module_name: str) -> tuple[Field, ...]:
    """The fields a view module's forms declare and the POST keys it reads itself: what to
    send a route whose form the fuzzing person never sees rendered."""
    module = sys.modules.get(module_name)
    if module is None:
        return ()
    found: dict[str, Field] = {}
    for _name, klass in inspect.getmembers(module, inspect.isclass):
        if issubclass(klass, forms.BaseForm):
            for name, form_field in klass.base_fields.items():
                options = []
                if isinstance(form_field, forms.ChoiceField) and not isinstance(
                    form_field, forms.ModelChoiceField
                ):
                    options = [str(value) for value, _label in form_field.choices]
                found.setdefault(name, Field(name, _kind(form_field), options=options))
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        source = ""
    for name in POSTED.findall(source):
        found.setdefault(name, Field(name, "text"))
    return tuple(found.values())

"""Hooks through which apps add to another app's pages without being imported by it.

Discussions must not depend on the apps that build on a thread (assets, meetings, the
knowledge map), yet a thread's behaviours decide what it can lead to: a reusing-assets
thread cites assets, a visits thread proposes a meeting, a documentation project becomes a
living document. So any app's AppConfig may define

    thread_actions(self, *, thread, user, behaviour_codes) -> list[ThreadAction]
    thread_panels(self, *, thread, user, behaviour_codes) -> list[ThreadPanel]

and the thread page collects them here. In the same way a community's home page shows
what other apps know about it (a launch checklist, a welcome for newcomers, the next
meeting) through ``community_panels(self, *, community, user, membership)`` (its members
page through ``member_panels`` with the same arguments), and the site
search shows other apps' results through ``search_sections(self, *, query, user)``, and the
sponsor dashboard shows figures other apps keep (reuse across communities) through
``dashboard_panels(self, *, community, period, user)``; all return a list of Panel.
Providers check their own permissions and keep to a constant number of queries.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class ThreadAction:
    """A link in the thread's "what this can lead to" row, to the providing app's view."""

    label: str
    url: str
    explanation: str = ""


@dataclass(frozen=True)
class Panel:
    """A block on another app's page, rendered from the providing app's template."""

    # Where a community home puts it: the main column, or the top or foot of the side one.
    MAIN = "main"
    ASIDE_START = "aside-start"
    ASIDE_END = "aside-end"

    template: str
    context: dict = field(default_factory=dict)
    place: str = MAIN


ThreadPanel = Panel  # under the thread's first post


def _providers(method: str) -> Iterator:
    for config in apps.get_app_configs():
        provider = getattr(config, method, None)
        if callable(provider):
            yield provider


def _behaviour_codes(thread) -> frozenset[str]:
    # thread.behaviours is prefetched on the thread page; this reads the cache.
    return frozenset(b.code for b in thread.behaviours.all())


def thread_actions(*, thread, user) -> list[ThreadAction]:
    codes = _behaviour_codes(thread)
    return [
        action
        for provider in _providers("thread_actions")
        for action in provider(thread=thread, user=user, behaviour_codes=codes)
    ]


def thread_panels(*, thread, user) -> list[ThreadPanel]:
    codes = _behaviour_codes(thread)
    return [
        panel
        for provider in _providers("thread_panels")
        for panel in provider(thread=thread, user=user, behaviour_codes=codes)
    ]


def community_panels(*, community, user, membership) -> list[Panel]:
    return [
        panel
        for provider in _providers("community_panels")
        for panel in provider(community=community, user=user, membership=membership)
    ]


def member_panels(*, community, user, membership) -> list[Panel]:
    return [
        panel
        for provider in _providers("member_panels")
        for panel in provider(community=community, user=user, membership=membership)
    ]


def search_sections(*, query: str, user) -> list[Panel]:
    return [
        panel
        for provider in _providers("search_sections")
        for panel in provider(query=query, user=user)
    ]


def dashboard_panels(*, community, period, user) -> list[Panel]:
    return [
        panel
        for provider in _providers("dashboard_panels")
        for panel in provider(community=community, period=period, user=user)
    ]

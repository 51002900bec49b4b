"""Permission-aware search over threads and posts.

PostgreSQL: full-text search (websearch syntax, ranking, highlighted snippets) over a GIN
index on the post body. Other databases (SQLite in the embedded run): a plain substring
match behind the same function, so callers never know which one answered.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from communities import permissions

from .models import Post, Thread

CONFIG = "english"
MAX_RESULTS = 30
# Markers no user text contains; swapped for <mark> after escaping the snippet.
_START, _STOP = "\x02", "\x03"


def body_vector() -> RawSQL:
    # A stored generated column with a GIN index (migration 0008): matching and ranking read
    # it instead of parsing each matching body again. Not a model field: PostgreSQL only.
    return RawSQL('"discussions_post"."search_vector"', [], output_field=SearchVectorField())


@dataclass(frozen=True)
class Hit:
    post: Post
    snippet: SafeString


def _highlight(text: str) -> SafeString:
    safe = escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>")
    return mark_safe(safe)  # noqa: S308 (escaped above; only our markers become tags)


def _plain_snippet(body: str, query: str, width: int = 220) -> SafeString:
    at = body.lower().find(query.lower())
    start = max(0, at - width // 3) if at >= 0 else 0
    text = body[start : start + width]
    if at >= 0:
        rel = at - start
        text = text[:rel] + _START + text[rel : rel + len(query)] + _STOP + text[rel + len(query) :]
    return _highlight(("…" if start else "") + text + ("…" if len(body) > start + width else ""))


def search_posts(
    viewer, query: str, *, community_id: int | None = None, behaviour: str = ""
) -> list[Hit]:
    query = " ".join(query.split())[:200]
    if not query:
        return []
    threads = Thread.objects.filter(permissions.visible_threads_filter(viewer))
    if community_id:
        threads = threads.filter(community_id=community_id)
    if behaviour:
        threads = threads.filter(behaviours__code=behaviour)
    posts: QuerySet[Post] = Post.objects.filter(hidden=False, thread__in=threads.values("pk"))
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, search_type="websearch", config=CONFIG)
        rank = SearchRank(body_vector(), ts_query)
        # Rank every match on narrow rows (id, rank, date) and keep the best few; only
        # those few are then read whole and get a highlighted snippet. Two queries, not a
        # subquery: body_vector() names the posts table, which a subquery would alias.
        best = list(
            posts.alias(vector=body_vector(), rank=rank)
            .filter(Q(vector=ts_query) | Q(number=1, thread__title__icontains=query))
            .order_by("-rank", "-created_at")
            .values_list("pk", flat=True)[:MAX_RESULTS]
        )
        posts = (
            Post.objects.filter(pk__in=best)
            .select_related("thread__community", "author")
            .annotate(
                rank=rank,
                snippet=SearchHeadline(
                    "body",
                    ts_query,
                    config=CONFIG,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank", "-created_at")
        )
        return [Hit(post=p, snippet=_highlight(p.snippet)) for p in posts]
    posts = (
        posts.filter(Q(body__icontains=query) | Q(number=1, thread__title__icontains=query))
        .select_related("thread__community", "author")
        .order_by("-created_at")[:MAX_RESULTS]
    )
    return [Hit(post=p, snippet=_plain_snippet(p.body, query)) for p in posts]

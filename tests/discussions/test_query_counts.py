"""Discussion pages cost a fixed number of queries, whatever the number of threads or posts,
and a GET never writes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from discussions import services
from tests.factories import ThreadFactory, UserFactory, add_member, add_replies

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
BEHAVIOUR_SETS = [
    ["problem-solving"],
    ["requests-for-information", "seeking-experience"],
    ["visits", "documentation-projects", "mapping-knowledge"],
]


def _get(client, url: str) -> list[dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return captured.captured_queries


def _sql(queries: list[dict]) -> str:
    return "\n".join(f"  {n}. {q['sql']}" for n, q in enumerate(queries, start=1))


def _writes(queries: list[dict]) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def _measure(client, url: str) -> list[dict]:
    """Queries of a warm GET; both GETs are checked for writes."""
    cold = _get(client, url)
    warm = _get(client, url)
    assert not _writes(cold) and not _writes(warm), (
        f"GET {url} wrote to the database:\n" + "\n".join(_writes(cold) + _writes(warm))
    )
    return warm


def _same(few: list[dict], many: list[dict], what: str) -> None:
    assert len(many) == len(few), (
        f"{what}: {len(few)} queries with few rows, {len(many)} with many.\n"
        f"Few:\n{_sql(few)}\nMany:\n{_sql(many)}"
    )


@pytest.fixture
def viewer(request, community, client):
    """Signs the client in as the parametrised kind of viewer; returns the user or None."""
    if request.param == "member":
        user = add_member(community).user
        client.force_login(user)
        return user
    return None


def _add_threads(community, count: int, *, start: int, people) -> None:
    for n in range(start, start + count):
        author = people[n % 3]
        thread = ThreadFactory(
            community=community,
            author=author,
            title=f"Thread number {n}",
            behaviour_codes=BEHAVIOUR_SETS[n % 3],
            tags=[f"tag-{n % 4}", f"topic {n % 5}"],
            members_only=n % 4 == 3,
        )
        [reply] = add_replies(thread, 1, authors=[people[(n + 1) % 3]])
        if n % 3 == 0:
            services.accept_answer(actor=author, thread=thread, post=reply)


@pytest.mark.parametrize("viewer", ["visitor", "member"], indirect=True)
@pytest.mark.parametrize(
    "query", ["", "?behaviour=problem-solving", "?tag=tag-1", "?unanswered=1", "?mine=1"]
)
def test_thread_list_queries_do_not_grow_with_threads(
    community, client, django_assert_max_num_queries, viewer, query
):
    url = f"/c/{community.slug}/threads/{query}"
    people = [viewer or add_member(community).user] + [add_member(community).user for _ in "ab"]
    _add_threads(community, 3, start=0, people=people)
    if viewer or query != "?mine=1":
        assert client.get(url).context["page"].object_list  # "few" is not an empty page
    few = _measure(client, url)

    _add_threads(community, 27, start=3, people=people)
    if not query:
        assert len(client.get(url).context["page"].object_list) >= 20  # the page is long now
    many = _measure(client, url)

    _same(few, many, f"thread list {query or '(all)'} as {viewer or 'visitor'}")
    with django_assert_max_num_queries(len(few)):
        client.get(f"{url}{'&' if query else '?'}page=2")


@pytest.fixture
def discussion(community):
    people = [add_member(community).user for _ in range(4)]
    thread = ThreadFactory(
        community=community,
        author=people[0],
        title="A long conversation",
        behaviour_codes=["problem-solving", "seeking-experience"],
        tags=["assessment", "year 9"],
    )
    return thread, people


def _grow(thread, people, count: int) -> None:
    add_replies(thread, count, authors=people)
    thread.refresh_from_db()


@pytest.mark.parametrize("viewer", ["visitor", "member"], indirect=True)
def test_thread_page_queries_do_not_grow_with_posts(
    discussion, client, django_assert_max_num_queries, viewer
):
    thread, people = discussion
    url = thread.get_absolute_url()
    _grow(thread, people, 5)
    services.accept_answer(actor=people[0], thread=thread, post=thread.posts.get(number=3))
    few = _measure(client, url)

    _grow(thread, people, 75)
    assert thread.posts.count() == 81
    response = client.get(url)
    assert len(response.context["posts"]) == 30
    many = _measure(client, url)
    last = _measure(client, f"{url}?page=3")
    anchored = _measure(client, f"{url}?post=70")

    who = "member" if viewer else "visitor"
    _same(few, many, f"thread page 1 as {who}")
    _same(few, last, f"thread last page as {who}")
    _same(few, anchored, f"thread page via ?post= as {who}")
    with django_assert_max_num_queries(len(few)):
        client.get(f"{url}?page=2")


def test_the_thread_page_for_the_author_and_a_gardener_is_constant(discussion, client, gardener):
    thread, people = discussion
    url = thread.get_absolute_url()
    _grow(thread, people, 5)
    counts = {}
    for who, user in [("author", people[0]), ("gardener", gardener)]:
        client.force_login(user)
        counts[who, "few"] = _measure(client, url)
    _grow(thread, people, 75)
    for who, user in [("author", people[0]), ("gardener", gardener)]:
        client.force_login(user)
        counts[who, "many"] = _measure(client, url)

    for who in ["author", "gardener"]:
        _same(counts[who, "few"], counts[who, "many"], f"thread page as {who}")


def test_the_new_thread_and_edit_pages_do_not_write(community, client):
    author = UserFactory()
    add_member(community, user=author)
    thread = ThreadFactory(community=community, author=author)
    client.force_login(author)

    for url in [f"/c/{community.slug}/threads/new/", f"{thread.get_absolute_url()}posts/1/edit/"]:
        _measure(client, url)

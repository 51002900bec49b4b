"""SQL statements per page on the FIRST request of a session and on the warm second one.

    python bench/queries.py [username] < paths.txt      # any Django site's settings

Plain Django, no project import, so it runs for our site (our venv, bench.settings) and for
the peer's (its venv and settings) alike. For each path and viewer, a new browser: a fresh
client (anonymous), or a fresh session of ``username`` (signed in, default member0001),
requests the path twice; both requests are counted. The first is what a visitor's first
view of a page costs (no session-scoped cache, no CSRF cookie yet, first-visit writes such
as bookmarks); the second is the steady state the peer harness's queries.py reports.
Transaction control (BEGIN/COMMIT/ROLLBACK/SAVEPOINT/RELEASE) is not counted; writes
(INSERT/UPDATE/DELETE) are counted apart. Prints one line per path:
    path anon_first anon_first_w anon_warm anon_warm_w auth_first auth_first_w
         auth_warm auth_warm_w anon_status auth_status
-v prints each statement to stderr.
"""

import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TX = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}
WRITES = {"INSERT", "UPDATE", "DELETE"}


def counted(client: Client, path: str, label: str, verbose: bool) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(path).status_code
    verbs = [q["sql"].lstrip().split(None, 1)[0].upper() for q in ctx.captured_queries]
    real = [v for v in verbs if v not in TX]
    if verbose:
        print(f"== {path} [{label}] {len(real)} statements", file=sys.stderr)
        for q in ctx.captured_queries:
            print("   ", q["sql"][:220], file=sys.stderr)
    return len(real), sum(v in WRITES for v in real), status


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv[1:]
    user = get_user_model().objects.get(username=args[0] if args else "member0001")
    paths = [ln.strip() for ln in sys.stdin if ln.strip() and not ln.startswith("#")]
    print(
        "path anon_first anon_first_w anon_warm anon_warm_w "
        "auth_first auth_first_w auth_warm auth_warm_w anon_status auth_status"
    )
    for path in paths:
        row = []
        statuses = []
        for label in ("anon", "auth"):
            client = Client()
            if label == "auth":
                client.force_login(user)  # a new session: this browser's first visit
            first, first_w, status = counted(client, path, f"{label} first", verbose)
            warm, warm_w, _ = counted(client, path, f"{label} warm", verbose)
            row += [first, first_w, warm, warm_w]
            statuses.append(status)
        print(path, *row, *statuses, flush=True)


if __name__ == "__main__":
    main()

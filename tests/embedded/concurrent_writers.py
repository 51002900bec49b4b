"""Twenty members write at the same moment to the embedded run's SQLite file.

Run as a script with DJANGO_SETTINGS_MODULE=copsite.settings.local and an empty
DATABASE file in COPSITE_VAR_DIR; prints one JSON line: the answers and the rows made.
Each thread has its own database connection, as runserver's request threads do.
"""

import json
import sys
import threading
from collections import Counter

import django

WRITERS = 20


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from discussions.models import Post
    from tests.factories import CommunityFactory, ThreadFactory, add_member

    community = CommunityFactory(slug="busy")
    thread = ThreadFactory(community=community)
    writers = [add_member(community).user for _ in range(WRITERS)]
    posts_before = Post.objects.filter(thread=thread).count()
    start = threading.Barrier(WRITERS)
    answers: Counter = Counter()
    errors: list[str] = []

    def write(user) -> None:
        from django.db import connection

        client = Client(raise_request_exception=False, SERVER_NAME="127.0.0.1")
        client.force_login(user)
        start.wait()
        try:
            response = client.post(
                f"/c/busy/threads/{thread.pk}/reply/", {"body": f"A reply from {user.pk}."}
            )
            answers[response.status_code] += 1
            if response.status_code != 302:
                errors.append(f"{response.status_code}: {response.content.decode()[:300]}")
        except Exception as error:  # reported with the answers, not hidden
            errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(user,)) for user in writers]
    for each in threads:
        each.start()
    for each in threads:
        each.join()
    made = Post.objects.filter(thread=thread).count() - posts_before
    json.dump({"answers": dict(answers), "errors": errors, "made": made}, sys.stdout)


if __name__ == "__main__":
    main()

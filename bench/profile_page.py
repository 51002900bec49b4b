"""Where does one page spend its time? Python (pyinstrument) and SQL, on the seeded data.

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.profile_page PATH [--auth] [-n N]
        [--no-tree]

Requests PATH through Django's test client N times (default 20) after one warm-up,
prints the mean wall and CPU time per request, each SQL statement with its time, and, when
pyinstrument is importable (pip install pyinstrument, not a project dependency), the
call tree of the whole loop. --auth signs in as the seed's member0001 first. The last
lines give the SQL count and the p50 and p95 of the requests' wall times.
"""

import argparse
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--auth", action="store_true")
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--no-tree", action="store_true", help="time only, no call tree")
    args = parser.parse_args()
    client = Client()
    if args.auth:
        client.force_login(get_user_model().objects.get(username="member0001"))
    assert client.get(args.path).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        client.get(args.path)
    for query in captured.captured_queries:
        print(f"{float(query['time']) * 1000:7.1f} ms  {query['sql'][:160]}")
    statements = len(captured.captured_queries)
    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None
    if args.no_tree:
        Profiler = None
    profiler = Profiler(interval=0.0005) if Profiler else None
    if profiler:
        profiler.start()
    started, cpu_started = time.perf_counter(), time.process_time()
    walls = []
    for _ in range(args.n):
        one_started = time.perf_counter()
        client.get(args.path)
        walls.append(time.perf_counter() - one_started)
    elapsed = (time.perf_counter() - started) / args.n
    # CPU time of this process: on a shared machine it moves far less than the wall time.
    cpu = (time.process_time() - cpu_started) / args.n
    if profiler:
        profiler.stop()
        print(profiler.output_text(unicode=False, color=False, show_all=False))
    print(
        f"{args.path}: {elapsed * 1000:.1f} ms per request ({cpu * 1000:.1f} ms CPU) over {args.n}"
    )
    cuts = statistics.quantiles(walls, n=20) if len(walls) > 1 else walls * 19
    print(
        f"{statements} SQL statements; wall p50 {statistics.median(walls) * 1000:.1f} ms,"
        f" p95 {cuts[18] * 1000:.1f} ms"
    )


if __name__ == "__main__":
    main()

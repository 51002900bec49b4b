"""Smoke-test the README's run command: start it, wait for /healthz, fetch /, Ctrl-C it.

Run from the repository root. Starts the command twice (re-running must be safe) and checks
that Ctrl-C leaves no process behind.
"""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE = "http://127.0.0.1:8000"


def fetch(path: str) -> tuple[int, str]:
    with urllib.request.urlopen(BASE + path, timeout=5) as response:  # noqa: S310 (loopback)
        return response.status, response.read().decode()


def wait_healthy(proc: subprocess.Popen, seconds: int) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"run command exited early with {proc.returncode}")
        try:
            status, body = fetch("/healthz")
            if status == 200 and '"broker": "ok"' in body:
                return
        except OSError:
            pass
        time.sleep(1)
    sys.exit("the site did not become healthy in time")


def leftovers() -> list[str]:
    """Web or worker processes still running from this checkout."""
    here = os.getcwd()
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if cwd == here and ("runserver" in args or "celery" in args):
            found.append(f"{pid} {args}")
    return found


def one_run(number: int) -> None:
    started = time.monotonic()
    # As from a terminal: Ctrl-C reaches the command even if this script was started in the
    # background, where the shell set SIGINT to be ignored (and bash cannot trap an ignored one).
    proc = subprocess.Popen(
        ["bash", "scripts/run.sh"],
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        wait_healthy(proc, 600)
        status, body = fetch("/")
        assert status == 200 and "communities of practice" in body, "home page did not render"
        status, body = fetch("/communities/")
        assert "Social work practice exchange" in body, "demo communities missing"
        print(
            f"run {number}: healthy and serving demo data after {time.monotonic() - started:.0f}s"
        )
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        proc.wait(timeout=60)
    deadline = time.monotonic() + 2  # the web server and worker may take a moment to exit
    while (left := leftovers()) and time.monotonic() < deadline:
        time.sleep(0.2)
    if left:
        sys.exit("processes left after Ctrl-C:\n" + "\n".join(left))
    print(f"run {number}: Ctrl-C stopped every process")


if __name__ == "__main__":
    one_run(1)
    one_run(2)

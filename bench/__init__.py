"""CityComms's benchmark harness: the site under gunicorn with production settings, on loopback.

Two programs (run from the repository's root; the Makefile's targets call them):

    .venv/bin/python bench/run.py full     # `make bench`: wrk on the scale data, a table per variant, the targets
    .venv/bin/python bench/run.py smoke    # `make bench-smoke`: tiny data, 2 s a route (tests/test_bench.py)
    .venv/bin/python bench/loadtest.py     # `make loadtest`: the crisis drill, then 50 clients and a database outage

and the modules they are made of:

    database.py      a PostgreSQL database of the run's own, and the load test's throw-away cluster
    django_tasks.py  what runs under Django, in a process of its own: build the data, find the routes, drafts
    server.py        the production environment, and gunicorn on a free loopback port, stopped afterwards
    varnish.py       the edge: varnishd with the repository's VCL in front of gunicorn, and varnishncsa's log
    load.py          the load generator: wrk on one route, its output parsed
    crisis.py        the crisis drill: readers through Varnish while a Django process publishes (crisis.lua)
    report.py        the table and the report (stdout, .bench/, JSON); nothing in the repository is rewritten

docs/performance.md has the current table and the design decisions behind the numbers.
"""

import signal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """A step of the harness failed; the message says which and why."""


def stop_on_sigterm():
    """Turn SIGTERM (from make, CI or a test's timeout) into SystemExit, so `finally` blocks stop the servers."""

    def unwind(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, unwind)

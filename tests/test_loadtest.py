"""The short load-and-fault run (`bench/loadtest.py --short`, what `make loadtest` does at length).

A small city is committed to the test database and copied into a throw-away PostgreSQL
cluster of the run's own, which the run stops and starts under load; the machine's
shared server is never touched. Needs PostgreSQL 15's server binaries (initdb, pg_ctl)
and a PostgreSQL test database (DATABASE_URL) to copy from: without them the test skips
locally and fails in CI.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from departments.factories import DepartmentPageFactory

ROOT = Path(__file__).resolve().parent.parent
INITDB = Path("/usr/lib/postgresql/15/bin/initdb")


TIMEOUT_SECONDS = 120


def needs(message):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def initdb():
    if not INITDB.exists():
        needs("the load test needs PostgreSQL 15's server binaries (apt-get install postgresql-15)")
    if connection.vendor != "postgresql":
        needs("the load test copies the test database with pg_dump: set DATABASE_URL to a PostgreSQL database")


def database_url():
    database = connection.settings_dict
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


# Committed data, so another process sees it; serialized_rollback gives the following tests
# back the migrated state (Wagtail's tree root) that the flush after this test removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_under_load_a_database_outage_gives_quick_503s_and_the_app_recovers_by_itself(initdb, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Viestintä", slug_fi="viestinta")
    process = subprocess.Popen(
        [sys.executable, "bench/loadtest.py", "--short", "--clients=20", f"--copy-from={database_url()}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        # SIGTERM, not subprocess.run's SIGKILL: the run then stops gunicorn and its cluster.
        process.send_signal(signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
        pytest.fail(f"bench/loadtest.py --short took over {TIMEOUT_SECONDS} s:\n{stdout}{stderr}")
    print(stdout)  # the table, for -s and failure reports
    assert process.returncode == 0, stdout + stderr
    table = dict((line.split("|")[1].strip(), line) for line in stdout.splitlines() if line.startswith("| "))
    assert {"steady", "outage (3 s)", "recovery"} <= set(table)
    assert "Draft saved before the outage: intact" in stdout

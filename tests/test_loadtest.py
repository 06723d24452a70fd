"""The short load-and-fault run (`bench/loadtest.py --short`, what `make loadtest` does at length).

A small city is committed to the test database and copied into a throw-away PostgreSQL
cluster of the run's own, which the run stops and starts under load; the machine's
shared server is never touched. Needs PostgreSQL 15's server binaries (initdb, pg_ctl):
without them the test skips locally and fails in CI.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from departments.factories import DepartmentPageFactory

ROOT = Path(__file__).resolve().parent.parent
INITDB = Path("/usr/lib/postgresql/15/bin/initdb")


@pytest.fixture
def initdb():
    if not INITDB.exists():
        message = "the load test needs PostgreSQL 15's server binaries (apt-get install postgresql-15)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def database_url():
    database = connection.settings_dict
    return f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"


# Committed data, so another process sees it; serialized_rollback gives the following tests
# back the migrated state (Wagtail's tree root) that the flush after this test removes.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_under_load_a_database_outage_gives_quick_503s_and_the_app_recovers_by_itself(initdb, helsinki):
    DepartmentPageFactory(parent=helsinki, title_fi="Viestintä", slug_fi="viestinta")
    result = subprocess.run(
        [sys.executable, "bench/loadtest.py", "--short", "--clients=20", f"--copy-from={database_url()}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(result.stdout)  # the table, for -s and failure reports
    assert result.returncode == 0, result.stdout + result.stderr
    table = dict((line.split("|")[1].strip(), line) for line in result.stdout.splitlines() if line.startswith("| "))
    assert {"steady", "outage (3 s)", "recovery"} <= set(table)
    assert "Draft saved before the outage: intact" in result.stdout

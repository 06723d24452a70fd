"""The benchmark harness still works: `bench/run.py smoke` (what `make bench-smoke` runs) on tiny data.

It builds a database of its own, serves it with gunicorn under production
settings and drives every route with wrk for a second; this test asserts that
each route answered, without errors, at a positive rate, and that the report
(written where --report says, here a temporary folder) holds a row for each.
The numbers themselves are not checked: a smoke run on a shared machine measures nothing.

wrk comes from Debian's packages (`.ci/run` installs it). Without it the test
skips locally and fails in CI, as the browser tests do without Chromium.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Building the database is most of it; generous, because CI machines are shared.
TIMEOUT_SECONDS = 600

pytestmark = pytest.mark.bench


@pytest.fixture
def wrk():
    found = shutil.which("wrk")
    if found is None:
        message = "the benchmark harness needs wrk (apt-get install wrk; .ci/run installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def run_smoke(results_path, report_path):
    """bench/run.py smoke; SIGTERM on timeout, so it stops gunicorn and drops its database."""
    process = subprocess.Popen(
        [
            sys.executable,
            "bench/run.py",
            "smoke",
            "--duration=1",
            f"--results-json={results_path}",
            f"--report={report_path}",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
        pytest.fail(f"bench/run.py smoke took over {TIMEOUT_SECONDS} s:\n{output}")
    return process.returncode, output


def test_the_smoke_run_answers_every_route_without_errors(wrk, tmp_path):
    results_path, report_path = tmp_path / "results.json", tmp_path / "report.md"
    returncode, output = run_smoke(results_path, report_path)
    assert returncode == 0, output
    results = json.loads(results_path.read_text())
    [variant] = results["variants"]
    routes = {result["route"]["name"]: result for result in variant["results"]}
    assert {"healthz (yardstick)", "home", "department", "unit", "team", "vCard", "API pages list"} <= set(routes)
    assert len(routes) == 12
    for name, result in routes.items():
        assert 200 <= result["status"] < 400, (name, output)
        assert result["errors"] == 0, (name, output)
        assert result["rps"] > 0, (name, output)
    assert len(variant["memory_mb"]) == 2  # both gunicorn workers were found and measured
    report = report_path.read_text()
    assert "## uncached" in report
    for name, result in routes.items():
        assert f"| {name} | {result['route']['host']} | `{result['route']['path']}` |" in report, (name, report)

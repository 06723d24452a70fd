"""The benchmark harness still works: `bench/run.py smoke` (what `make bench-smoke` runs) on tiny data.

It builds a database of its own, serves it with gunicorn under production
settings and drives every route with wrk for a second, straight to gunicorn and
then through Varnish (the edge variant); this test asserts that each route
answered, without errors, at a positive rate, that Varnish kept the pages and the
static file, and that the report (written where --report says, here a temporary
folder) holds a row for each and the targets. The numbers themselves are not
checked: a smoke run on a shared machine measures nothing.

wrk and varnishd come from Debian's packages (`.ci/run` installs them). Without
them the test skips locally and fails in CI, as the browser tests do without Chromium.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench.varnish import varnishd_path

ROOT = Path(__file__).resolve().parent.parent
# Building the database is most of it; generous, because CI machines are shared.
TIMEOUT_SECONDS = 600

pytestmark = pytest.mark.bench


@pytest.fixture
def tools():
    for found, package in [(shutil.which("wrk"), "wrk"), (varnishd_path(), "varnish")]:
        if found is None:
            message = f"the benchmark harness needs {package} (apt-get install {package}; .ci/run installs it)"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)


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


def test_the_smoke_run_answers_every_route_without_errors_straight_and_through_varnish(tools, tmp_path):
    results_path, report_path = tmp_path / "results.json", tmp_path / "report.md"
    returncode, output = run_smoke(results_path, report_path)
    assert returncode == 0, output
    results = json.loads(results_path.read_text())
    uncached, edge = results["variants"]
    assert (uncached["name"], edge["name"]) == ("uncached", "edge")
    routes = {result["route"]["name"]: result for result in uncached["results"]}
    assert {"healthz (yardstick)", "home", "department", "unit", "team", "vCard", "API pages list"} <= set(routes)
    assert len(routes) == 12
    at_edge = {result["route"]["name"]: result for result in edge["results"]}
    assert list(at_edge)[:3] == ["healthz via gunicorn", "static file (edge yardstick)", "healthz through Varnish"]
    assert list(at_edge)[3:] == list(routes)[1:]  # then every other route, through Varnish
    for name, result in [*routes.items(), *at_edge.items()]:
        assert 200 <= result["status"] < 400, (name, output)
        assert result["errors"] == 0, (name, output)
        assert result["rps"] > 0, (name, output)
    # Varnish kept the static file and the pages, and passed /healthz (which no cache may keep) to the app.
    assert at_edge["static file (edge yardstick)"]["cached_at_edge"] and at_edge["home"]["cached_at_edge"], output
    assert at_edge["department"]["cached_at_edge"] and not at_edge["healthz through Varnish"]["cached_at_edge"]
    assert len(uncached["memory_mb"]) == len(edge["memory_mb"]) == 2  # both gunicorn workers were measured
    targets = [target["target"] for target in results["targets"]]
    assert any("Through Varnish" in target for target in targets) and any("RSS" in target for target in targets)
    report = report_path.read_text()
    assert "## uncached" in report and "## edge" in report and "## Targets" in report
    for name, result in [*routes.items(), *at_edge.items()]:
        assert f"| {name} | {result['route']['host']} | `{result['route']['path']}` |" in report, (name, report)

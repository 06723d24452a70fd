"""The README's two commands, run as a newcomer runs them: `make run` serves the demo on a fresh database, and
`make test` runs the tests it is given and fails when they fail."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# Migrating and loading the demo into a fresh SQLite file takes a minute on a busy 2-core machine.
START_SECONDS = 300


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def read_page(url):
    """(status, text) of `url`, or None while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except OSError:
        return None


def make(*arguments, env):
    """`make` in the repository with `env` added to the environment, in its own process group."""
    return subprocess.Popen(
        ["make", *arguments],
        cwd=REPO_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def stop(process):
    """Stop `process` and everything it started (the development server); its output."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    return output


def test_make_run_migrates_loads_the_demo_and_serves_it(tmp_path):
    port = free_port()
    process = make("run", f"PORT={port}", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"})
    answer = None
    try:
        deadline = time.monotonic() + START_SECONDS
        while answer is None and process.poll() is None and time.monotonic() < deadline:
            time.sleep(1)
            answer = read_page(f"http://127.0.0.1:{port}/fi/")
    finally:
        output = stop(process)
    assert answer is not None, output[-3000:]
    status, html = answer
    assert status == 200 and "Helsingin kaupunki" in html
    assert (tmp_path / "db.sqlite3").exists()  # the database the environment chose, migrated afresh


@pytest.mark.parametrize("selected", ["passes", "fails"])
def test_make_test_runs_the_tests_it_is_given_and_fails_with_them(tmp_path, selected):
    (tmp_path / "test_sample.py").write_text(
        "def test_passes():\n    assert True\n\n\ndef test_fails():\n    assert False\n", encoding="utf-8"
    )
    arguments = f"{tmp_path / 'test_sample.py'} -k {selected} -p no:cacheprovider --rootdir={tmp_path}"
    process = make("test", f"PYTEST_ARGS={arguments}", env={})
    output, _ = process.communicate(timeout=300)
    assert ("1 passed" in output) == (selected == "passes"), output[-2000:]
    assert (process.returncode == 0) == (selected == "passes"), output[-2000:]

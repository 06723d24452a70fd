"""The crisis drill: the city publishes an announcement and a page every few seconds while readers read it at the edge.

    .venv/bin/python bench/loadtest.py --drills=crisis    # `make loadtest` runs it after the outage drill

Varnish (bench/varnish.py, the repository's VCL) stands in front of gunicorn in the production setup (the
page cache in Redis). wrk with `clients` connections asks the city's home, its first department, its
newsroom and a search, in each of the city's languages, for `duration` seconds (bench/crisis.lua). Meanwhile a
Django process of the run's own (`bench.django_tasks crisis`) publishes every `every` seconds a new revision of
an alert shown on every page of the city and, half-way between, the department with a new intro, each through
Wagtail's publish: the page cache's signals fire, and citycomms.edge bans the city at Varnish from that process
as the transaction commits (EDGE_WORKER=0: the immediate task backend, as an installation without a worker;
docker-compose's worker polls its queue every 0.5 s and sends each ban again 5 s later). gunicorn serves the
readers only, and makes no change.

After each publish every address that shows the change is asked through Varnish, in each language, until the
answer holds it: its delay counts from the commit to that answer. varnishncsa in backend mode logs every
request Varnish sends to the app, which tells how often the app rendered each changed address after each
publish (Varnish's request coalescing should make it once). The tables go to standard output and, with the
date, commit, machine and settings, to .bench/crisis.md (ignored by git).

A run fails (exit status 1) on errors, on a change an address did not show within POLL_LIMIT_S, and on a
stampede (more than A_FEW_RENDERS requests to the app for one address after one publish); the other targets
(every change within VISIBLE_WITHIN_S, p95 within P95_MS) are printed met or not, since a shared machine
cannot tell them: measure them on a quiet one.
"""

import collections
import datetime
import json
import re
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench import ROOT, BenchError, django_tasks, report
from bench.database import server_version
from bench.load import ERROR_KINDS, parse_wrk_output, start_readers, wrk_version
from bench.server import fetch, free_port, start_gunicorn, status_of
from bench.varnish import LOAD_STORAGE, BackendLog, Varnish, varnish_version

LUA_CLIENTS = Path(__file__).resolve().parent / "crisis.lua"
DEFAULT_REPORT = ROOT / ".bench" / "crisis.md"
WRK_THREADS = 2
# The targets.
VISIBLE_WITHIN_S = 1.0
P95_MS = 50
A_FEW_RENDERS = 3
# How long an address is asked for a change before the change counts as never shown, and how often.
POLL_LIMIT_S = 10.0
POLL_EVERY_S = 0.02


@dataclass(frozen=True)
class Drill:
    """How hard and how long: readers (wrk connections), seconds, and seconds between one kind's publishes."""

    clients: int
    duration: int
    every: float

    @property
    def rounds(self):
        return max(1, int(self.duration // self.every))


@dataclass
class Publish:
    """One publish: what (announcement or page), when it committed, and per changed address when it showed."""

    kind: str
    round: int
    committed: float  # time.time()
    seconds: float  # the publish itself, from the start of its transaction until its on-commit work was done
    checks: list  # (language, path, mark)
    shown_after: dict = field(default_factory=dict)  # (language, path): seconds, None if never within the limit
    failed_answers: int = 0  # while asking: no answer, or a status of 400 and above
    renders: dict = field(default_factory=dict)  # path: requests Varnish sent the app before the next publish

    @property
    def slowest(self):
        """(seconds, language, path) of the address that showed the change last; seconds None if one never did."""
        (language, path), seconds = max(
            self.shown_after.items(), key=lambda item: float("inf") if item[1] is None else item[1]
        )
        return seconds, language, path

    @property
    def most_renders(self):
        return max(self.renders.values(), default=0)


def shows(body, mark):
    """Whether `body` holds `mark` ("drill-<run>-<kind>-<language>-<round>") or that of a later round: the text of
    the next publish of the same kind replaces this one's, and a reader who sees it sees this change too."""
    prefix, _, number = mark.rpartition("-")
    found = re.findall(re.escape(prefix.encode()) + rb"-(\d+)", body)
    return any(int(later) >= int(number) for later in found)


def time_to_show(port, host, path, mark, committed):
    """Ask `path` through Varnish until its answer shows `mark`: (seconds from `committed` to that answer, or None
    after POLL_LIMIT_S; answers that failed)."""
    failed = 0
    while time.time() < committed + POLL_LIMIT_S:
        try:
            status, _headers, body = fetch(port, host, path, timeout=5)
        except OSError:
            status, body = None, b""
        if status is None or status >= 400:
            failed += 1
        elif shows(body, mark):
            return time.time() - committed, failed
        time.sleep(POLL_EVERY_S)
    return None, failed


def follow(reported, port, host):
    """Each publish reported, with how long each changed address took to show it at the edge."""
    publishes = []
    with ThreadPoolExecutor(max_workers=16) as pool:
        asked = []
        for publish in reported:
            publishes.append(publish)
            for language, path, mark in publish.checks:
                future = pool.submit(time_to_show, port, host, path, mark, publish.committed)
                asked.append((publish, (language, path), future))
        for publish, address, future in asked:
            publish.shown_after[address], failed = future.result()
            publish.failed_answers += failed
    return publishes


def count_renders(publishes, backend_requests, host):
    """For each publish, how many requests the app got for each changed address until the next publish."""
    ordered = sorted(publishes, key=lambda publish: publish.committed)
    for publish, following in zip(ordered, [*ordered[1:], None], strict=True):
        end = following.committed if following else float("inf")
        changed = {path for _language, path, _mark in publish.checks}
        counted = collections.Counter(
            request.url
            for request in backend_requests
            if request.reached and request.host == host and publish.committed <= request.sent < end
        )
        publish.renders = {path: counted[path] for path in changed}


def start_clients(wrk, drill, port, host, paths):
    command = [
        wrk,
        f"--threads={WRK_THREADS}",
        f"--connections={drill.clients}",
        f"--duration={drill.duration}s",
        "--timeout=10s",
        "--latency",
        f"--script={LUA_CLIENTS}",
        f"--header=Host: {host}",
        f"http://127.0.0.1:{port}{paths[0]}",
        "--",
        *paths,
    ]
    return start_readers(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def clients_result(clients):
    stdout, stderr = clients.communicate()
    numbers = parse_wrk_output(stdout)
    if clients.returncode or numbers is None:
        raise BenchError(f"wrk failed in the crisis drill:\n{stdout}{stderr}")
    return numbers


class Publisher:
    """The drill's publisher (`bench.django_tasks crisis`): a Django process of the run's own, talked to line by
    line. It bans at Varnish itself, as each publish commits: EDGE_WORKER=0, no worker."""

    def __init__(self, env, drill):
        self.errors = tempfile.TemporaryFile("w+")
        arguments = ["crisis", f"--every={drill.every}", f"--rounds={drill.rounds}"]
        self.process = django_tasks.start(env, self.errors, *arguments)

    def city(self):
        """The city's host and the addresses its readers ask, once the publisher's Django has started."""
        line = self.process.stdout.readline()
        if not line:
            self.failed()
        city = json.loads(line)
        return city["host"], [path for paths in city["addresses"].values() for path in paths.values()]

    def go(self):
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def publishes(self):
        """Each Publish as it is reported, until the last; BenchError if the publisher failed."""
        for line in self.process.stdout:
            yield Publish(**json.loads(line))
        if self.process.wait():
            self.failed()

    def failed(self):
        self.process.wait()
        self.errors.seek(0)
        raise BenchError(f"the crisis drill's publisher failed:\n{self.errors.read()}")

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.errors.close()


def warm(varnish, host, paths):
    """Ask each address once, so that it answers and is kept at the edge before the readers come."""
    for path in paths:
        if status_of(varnish.port, host, path) != 200:
            raise BenchError(f"{path} does not answer 200 through Varnish")


def run_drill(wrk, env, drill):
    """The drill on the database of `env`; the wrk numbers, the publishes and the requests meant for the app."""
    server = varnish = publisher = backend_log = None
    try:
        app_port = free_port()
        varnish = Varnish(app_port, storage=LOAD_STORAGE)
        # Every Django process of the drill is configured as in production behind Varnish (VARNISH_URL): the app
        # then keeps no pages in its workers' memory, which would hand the edge the old page right after a ban.
        env = {**env, "VARNISH_URL": varnish.url, "EDGE_WORKER": "0"}
        publisher = Publisher(env, drill)  # its Django starts while gunicorn does
        server = start_gunicorn(env, app_port)
        varnish.wait_until_serving()
        backend_log = BackendLog(varnish)
        host, paths = publisher.city()
        warm(varnish, host, paths)
        print(f"Crisis drill: {drill.clients} readers for {drill.duration} s on {len(paths)} addresses", flush=True)
        clients = start_clients(wrk, drill, varnish.port, host, paths)
        publisher.go()
        publishes = follow(publisher.publishes(), varnish.port, host)
        numbers = clients_result(clients)
        backend_log.stop()
        backend_requests = backend_log.requests()
        count_renders(publishes, backend_requests, host)
        return numbers, publishes, backend_requests
    finally:
        for part in (publisher, backend_log, varnish, server):
            if part:
                part.stop()


# --- what it saw ----------------------------------------------------------------------------------------------------


PUBLISH_HEADER = (
    "| Round | Published | Publish s | Every address shown after s | Slowest | Most app requests per address |\n"
    "| ---: | --- | ---: | ---: | --- | ---: |"
)


def publish_row(publish):
    seconds, language, path = publish.slowest
    shown = f"not within {POLL_LIMIT_S:.0f} s" if seconds is None else f"{seconds:.2f}"
    return (
        f"| {publish.round} | {publish.kind} ({len(publish.checks)} addresses) | {publish.seconds:.2f} | {shown} | "
        f"{language} `{path}` | {publish.most_renders} |"
    )


def targets(numbers, publishes, backend_requests):
    """The issue's targets for the drill, each a report.Target, and the problems that fail the run."""
    errors = sum(numbers[kind] for kind in ERROR_KINDS)
    failed_answers = sum(publish.failed_answers for publish in publishes)
    # Requests Varnish did not send because the app had failed its health probe: it answered them with 503.
    held_back = sum(1 for request in backend_requests if not request.reached)
    delays = [seconds for publish in publishes for seconds in publish.shown_after.values()]
    never = sum(1 for seconds in delays if seconds is None)
    slowest = max((seconds for seconds in delays if seconds is not None), default=0)
    renders = max((publish.most_renders for publish in publishes), default=0)
    p95_ms = numbers["p95_us"] / 1000

    measured_errors = f"{errors} in {numbers['requests']:,} readers' requests, {failed_answers} in the checks'"
    if held_back:
        measured_errors += f"; Varnish held back {held_back} fetches, the app having failed its health probe"
    measured_delays = f"{len(delays)} addresses after {len(publishes)} publishes: the slowest {slowest:.2f} s"
    if never:
        measured_delays += f", {never} not within {POLL_LIMIT_S:.0f} s"
    latency = f"p95 {p95_ms:.1f} ms (p50 {numbers['p50_us'] / 1000:.1f}, p99 {numbers['p99_us'] / 1000:.1f})"
    found = [
        report.Target("No errors", measured_errors, errors == 0 and failed_answers == 0),
        report.Target(
            f"Every published change at the edge in every language within {VISIBLE_WITHIN_S:.0f} s",
            measured_delays,
            never == 0 and slowest <= VISIBLE_WITHIN_S,
        ),
        report.Target(f"Edge p95 ≤ {P95_MS} ms", latency, p95_ms <= P95_MS),
        report.Target(
            f"The app renders each changed address at most a few ({A_FEW_RENDERS}) times per publish",
            f"{renders} at most, for one address after one publish",
            renders <= A_FEW_RENDERS,
        ),
    ]
    problems = []
    if errors or failed_answers:
        problems.append("crisis: errors")
    if never:
        problems.append(f"crisis: a change not shown at the edge within {POLL_LIMIT_S:.0f} s")
    if renders > A_FEW_RENDERS:
        problems.append(f"crisis: a stampede (over {A_FEW_RENDERS} requests to the app for one address)")
    return found, problems


def markdown(drill, numbers, publishes, found, facts, started):
    rps = numbers["requests"] / (numbers["duration_us"] / 1e6)
    lines = [
        "# Crisis drill: `bench/loadtest.py --drills=crisis`",
        "",
        f"Measured {started:%Y-%m-%d %H:%M %Z} at commit {report.git_commit()}.",
        "",
        f"**Machine:** {report.one_line(facts)}.",
        "",
        "**Set-up:** `load_demo` (or the test's copy) in a throw-away PostgreSQL cluster; gunicorn (2 sync workers, "
        "production settings, the page cache in Redis) behind Varnish (`deploy/varnish/default.vcl`) on 127.0.0.1. "
        f"{drill.clients} readers (wrk, {WRK_THREADS} threads) ask the city's home, a department, its newsroom and "
        f"a search in each of its languages for {drill.duration} s: {numbers['requests']:,} requests, {rps:,.0f}/s. "
        f"Every {drill.every:g} s an alert on every page of the city gets a new published revision, and half-way "
        "between the department a new intro; the publishing process bans the city at Varnish as it commits "
        "(`EDGE_WORKER=0`). Each publish's delay runs from its commit to the first answer through Varnish that "
        "shows it; the app's requests are those Varnish sent it for the address until the next publish.",
        "",
        PUBLISH_HEADER,
        *(publish_row(publish) for publish in publishes),
        "",
        *report.format_targets(found),
    ]
    return "\n".join(lines) + "\n"


def crisis(wrk, env, drill, report_path):
    """Run the drill, print its tables and write its report; the problems that fail the run."""
    started = datetime.datetime.now().astimezone()
    facts = report.machine_facts(server_version(env["DATABASE_URL"]), wrk_version(wrk), varnish_version())
    numbers, publishes, backend_requests = run_drill(wrk, env, drill)
    found, problems = targets(numbers, publishes, backend_requests)
    print(PUBLISH_HEADER)
    for publish in publishes:
        print(publish_row(publish))
    print("\n".join(["", *report.format_targets(found)]), flush=True)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(markdown(drill, numbers, publishes, found, facts, started))
    print(f"Report: {report_path}", flush=True)
    return problems

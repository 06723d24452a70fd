"""Load and faults: CityComms with its database stopped for a while and back, then a crisis drill through Varnish.

    .venv/bin/python bench/loadtest.py                # `make loadtest`: both drills, 50 clients, 60 s each
    .venv/bin/python bench/loadtest.py --drills=crisis                    # one of them (LOADTEST_ARGS)
    .venv/bin/python bench/loadtest.py --short --copy-from postgres://…/db   # tests/test_loadtest.py

It starts a throw-away PostgreSQL cluster of its own (initdb in a temporary folder, a
free port on 127.0.0.1; never the machine's shared server), fills it (migrate and
load_demo, or a copy of --copy-from's database), and serves it with gunicorn under
production settings, as the benchmark does, with the page cache in Redis database 12
(emptied before each drill).

The outage drill, with every client requesting database-backed pages in a loop:

1. steady: the load alone; no answer may be a 5xx.
2. a draft revision is saved through the ORM.
3. outage: the cluster stops (pg_ctl stop -m fast); every answer must come within
   5 s, and be a 2xx (pages that need no database) or the friendly 503.
4. recovery: the cluster starts again; gunicorn, never restarted, must answer
   2xx again within 5 s of the database's return. The draft must be intact.

Then the crisis drill (bench/crisis.py), on the same database once analysed
(bench.database.analyze): Varnish in front, the clients reading the city while an
announcement and a page are published every 5 s; every change must reach the edge in
every language, without errors and without a stampede on the app. It writes its report
to .bench/crisis.md.

Each drill prints a table of what it saw; the run exits 0 when all of that held, 1 otherwise.
"""

import argparse
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

if not __package__:
    # Run as a file (`python bench/loadtest.py`): import the bench package from the repository's root, not bench/.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import BenchError, django_tasks, stop_on_sigterm  # noqa: E402
from bench.crisis import DEFAULT_REPORT, Drill, crisis  # noqa: E402
from bench.database import Cluster, analyze, copy_database, manage  # noqa: E402
from bench.load import ensure_wrk  # noqa: E402
from bench.server import (  # noqa: E402
    collecting_static,
    django_environment,
    flush_redis,
    free_port,
    start_gunicorn,
    status_of,
)

DATABASE = "citycomms_loadtest"
# Routes of the default city (load_demo's Helsinki, or the test's): pages, the API and the sitemap, which the
# page cache serves once rendered, and a search for a word new on every turn, which always asks the database
# (else a database outage could pass unseen, every answer coming from Redis).
ROUTES = ["/fi/", "/sv/", "/fi/search/?q=viestinta+{turn}", "/api/v2/pages/", "/api/v2/contacts/", "/sitemap.xml"]
# The production setup caches pages in Redis; this database of it is the run's own, emptied first.
REDIS_URL = "redis://127.0.0.1:6379/12"
MAX_LATENCY_S = 5.0
MAX_RECOVERY_S = 5.0


# --- the clients ------------------------------------------------------------------------------------


@dataclass
class Answer:
    started: float
    seconds: float
    status: int | None  # None: no HTTP answer (refused, reset, timed out)


@dataclass
class Clients:
    """`count` threads, each requesting ROUTES in turn until stopped, recording every answer."""

    port: int
    count: int
    answers: list = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def start(self):
        self.threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(self.count)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def _client(self, number):
        turn = number
        while not self.stopping.is_set():
            path = ROUTES[turn % len(ROUTES)].format(turn=turn)
            turn += 1
            started = time.monotonic()
            status = status_of(self.port, "localhost", path)
            self.answers.append(Answer(started, time.monotonic() - started, status))

    def between(self, start, end):
        """The answers received so far to requests started between `start` and `end`."""
        return [answer for answer in list(self.answers) if start <= answer.started < end]


# --- what they saw ------------------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    answers: list
    recovery_s: float | None = None

    def count(self, test):
        return sum(1 for answer in self.answers if test(answer.status))

    @property
    def row(self):
        ok = self.count(lambda s: s is not None and 200 <= s < 300)
        unavailable = self.count(lambda s: s == 503)
        other_5xx = self.count(lambda s: s is not None and s >= 500 and s != 503)
        no_answer = self.count(lambda s: s is None)
        latency = max((answer.seconds for answer in self.answers), default=0)
        recovery = "" if self.recovery_s is None else f"{self.recovery_s:.2f}"
        return [self.name, len(self.answers), ok, unavailable, other_5xx, no_answer, f"{latency:.2f}", recovery]


TABLE_HEADINGS = ["Phase", "Requests", "2xx", "503", "Other 5xx", "No answer", "Max latency s", "Recovery s"]


def print_table(phases):
    rows = [TABLE_HEADINGS] + [[str(cell) for cell in phase.row] for phase in phases]
    print("| " + " | ".join(rows[0]) + " |")
    print("|" + "|".join(" --- " for _ in rows[0]) + "|")
    for row in rows[1:]:
        print("| " + " | ".join(row) + " |")


def recovery_seconds(answers, database_back):
    """Seconds from the database's return to the start of the first request after which every answer was 2xx."""
    failures = [a for a in answers if a.started >= database_back and not (a.status and 200 <= a.status < 300)]
    if not failures:
        return 0.0
    last = max(failures, key=lambda a: a.started)
    return last.started + last.seconds - database_back


def problems_of(steady, outage, recovery, draft_state):
    problems = []
    if steady.count(lambda s: s is None or s >= 500):
        problems.append("steady: 5xx or unanswered requests")
    if outage.count(lambda s: s is None or (s >= 500 and s != 503)):
        problems.append("outage: answers other than 2xx and 503")
    if not outage.count(lambda s: s == 503):
        problems.append("outage: no 503 at all (was the database really down?)")
    if any(answer.seconds > MAX_LATENCY_S for answer in outage.answers):
        problems.append(f"outage: a request took over {MAX_LATENCY_S:.0f} s")
    if recovery.recovery_s is None or recovery.recovery_s > MAX_RECOVERY_S:
        problems.append(f"recovery: took over {MAX_RECOVERY_S:.0f} s")
    if draft_state != "intact":
        problems.append("the draft changed")
    return problems


# --- the run ------------------------------------------------------------------------------------------


DRILLS = ("outage", "crisis")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--drills", default=",".join(DRILLS), help="comma-separated: outage,crisis (both)")
    parser.add_argument("--short", action="store_true", help="the test suite's version: 3 s phases, an 8 s drill")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--duration", type=int, help="seconds of steady load, and of the crisis drill (60; short 3, 8)"
    )
    parser.add_argument("--outage", type=int, help="seconds the database is down (10; short 3)")
    parser.add_argument("--every", type=float, help="crisis: seconds between an announcement's publishes (5; short 4)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT, help=f"crisis: the report ({DEFAULT_REPORT})")
    parser.add_argument("--copy-from", help="copy this database instead of migrate and load_demo")
    args = parser.parse_args(argv)
    args.drills = tuple(args.drills.split(","))
    unknown = set(args.drills) - set(DRILLS)
    if unknown:
        parser.error(f"unknown drills: {', '.join(sorted(unknown))}")
    return args


def outage_drill(env, cluster, args):
    """Steady load, the database stopped under it, and back; prints the table; the problems."""
    duration, outage_seconds = args.duration or (3 if args.short else 60), args.outage or (3 if args.short else 10)
    flush_redis(REDIS_URL)
    server = start_gunicorn(env)
    try:
        print(f"gunicorn on 127.0.0.1:{server.port}, PostgreSQL on 127.0.0.1:{cluster.port}, {args.clients} clients")
        clients = Clients(server.port, args.clients)
        started = time.monotonic()
        clients.start()
        time.sleep(duration)
        steady = Phase("steady", clients.between(started, time.monotonic()))
        revision = django_tasks.run(env, "draft-save").strip().splitlines()[-1]
        down = time.monotonic()
        cluster.stop()
        time.sleep(outage_seconds)
        outage = Phase(f"outage ({outage_seconds} s)", clients.between(down, time.monotonic()))
        cluster.start()
        back = time.monotonic()
        time.sleep(MAX_RECOVERY_S + 1)  # long enough to see whether it recovered in time
        clients.stop()
        answers = clients.between(back, time.monotonic())
        recovery = Phase("recovery", answers, recovery_seconds(answers, back))
        draft_state = django_tasks.run(env, "draft-check", *revision.split(" ", 1)).strip().splitlines()[-1]
    finally:
        server.stop()
    print_table([steady, outage, recovery])
    print(f"Draft saved before the outage: {draft_state}")
    return problems_of(steady, outage, recovery, draft_state)


def crisis_drill(env, cluster, args):
    drill = Drill(
        clients=args.clients,
        duration=args.duration or (8 if args.short else 60),
        every=args.every or (4 if args.short else 5),
    )
    # The drill times renders: without the planner's statistics a copied database's site search took 8 s.
    analyze(cluster.url)
    flush_redis(REDIS_URL)
    return crisis(ensure_wrk(), env, drill, args.report)


def run(args):
    stop_on_sigterm()
    media = Path(tempfile.mkdtemp(prefix="citycomms-loadtest-media-"))
    static = Path(tempfile.mkdtemp(prefix="citycomms-loadtest-static-"))
    cluster = Cluster(free_port(), DATABASE)
    env = django_environment(cluster.url, REDIS_URL, media, static, page_cache=True)
    problems = []
    try:
        with collecting_static(env):
            cluster.create()
            if args.copy_from:
                copy_database(args.copy_from, cluster.url)
            else:
                manage(env, "migrate", "--noinput")
                manage(env, "load_demo")
        if "outage" in args.drills:
            problems += outage_drill(env, cluster, args)
        if "crisis" in args.drills:
            problems += crisis_drill(env, cluster, args)
    finally:
        cluster.remove()
        shutil.rmtree(media, ignore_errors=True)
        shutil.rmtree(static, ignore_errors=True)
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


def main(argv=None):
    try:
        return run(parse_arguments(sys.argv[1:] if argv is None else argv))
    except BenchError as error:
        print(f"loadtest: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

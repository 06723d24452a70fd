"""Load and faults: CityComms under load, then with its database stopped for a while, then back.

    .venv/bin/python bench/loadtest.py                # `make loadtest`: 50 clients, 60 s, a 10 s outage
    .venv/bin/python bench/loadtest.py --short --copy-from postgres://…/db   # tests/test_loadtest.py

It starts a throw-away PostgreSQL cluster of its own (initdb in a temporary folder, a
free port on 127.0.0.1; never the machine's shared server), fills it (migrate and
load_demo, or a copy of --copy-from's database), and serves it with gunicorn under
production settings, as bench/run.py does, with the page cache in Redis database 12. Then, with every client requesting
database-backed pages in a loop:

1. steady: the load alone; no answer may be a 5xx.
2. a draft revision is saved through the ORM.
3. outage: the cluster stops (pg_ctl stop -m fast); every answer must come within
   5 s, and be a 2xx (pages that need no database) or the friendly 503.
4. recovery: the cluster starts again; gunicorn, never restarted, must answer
   2xx again within 5 s of the database's return. The draft must be intact.

It prints a table of what it saw and exits 0 when all of that held, 1 otherwise.
"""

import argparse
import contextlib
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as harness  # noqa: E402  (bench/run.py: gunicorn, ports, the production environment)

ROOT = harness.ROOT
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
DATABASE = "citycomms_loadtest"
# Routes of the default city (load_demo's Helsinki, or the test's): pages the page cache serves
# once rendered, and the API and vCards, which always ask the database.
ROUTES = ["/fi/", "/sv/", "/fi/search/?q=viestinta", "/api/v2/pages/", "/api/v2/contacts/", "/sitemap.xml"]
# The production setup caches pages in Redis; this database of it is the run's own, emptied first.
REDIS_URL = "redis://127.0.0.1:6379/12"
MAX_LATENCY_S = 5.0
MAX_RECOVERY_S = 5.0
DRAFT_MARK = "loadtest draft"


# --- the throw-away cluster -------------------------------------------------------------------------


class Cluster:
    """A PostgreSQL 15 cluster in a temporary folder, run as the postgres user when we are root."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="citycomms-loadtest-pg-"))
        self.data = self.folder / "data"
        self.port = harness.free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")

    def _run(self, *command):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run([*prefix, *command], capture_output=True, text=True)
        if result.returncode:
            raise harness.BenchError(f"{Path(command[0]).name} failed:\n{result.stdout}{result.stderr}")

    def create(self):
        self._run(str(POSTGRES_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run(str(POSTGRES_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DATABASE)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "postgres.log")
        self._run(str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self):
        self._run(str(POSTGRES_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        with contextlib.suppress(harness.BenchError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def copy_database(source_url, target_url):
    """pg_dump of `source_url` restored into `target_url`: a migrated city in seconds, for the short run."""
    dump = subprocess.Popen(["pg_dump", "--format=custom", "--no-owner", source_url], stdout=subprocess.PIPE)
    restore = subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={target_url}"], stdin=dump.stdout, capture_output=True, text=True
    )
    dump.stdout.close()
    if dump.wait() or restore.returncode:
        raise harness.BenchError(f"copying {source_url} failed:\n{restore.stderr}")


# --- the clients ------------------------------------------------------------------------------------


@dataclass
class Answer:
    started: float
    seconds: float
    status: int | None  # None: no HTTP answer (refused, reset, timed out)


@dataclass
class Load:
    """`clients` threads, each requesting ROUTES in turn until stopped, recording every answer."""

    port: int
    clients: int
    answers: list = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)

    def start(self):
        self.threads = [threading.Thread(target=self._client, args=(n,), daemon=True) for n in range(self.clients)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def _client(self, number):
        turn = number
        while not self.stopping.is_set():
            path = ROUTES[turn % len(ROUTES)]
            turn += 1
            started = time.monotonic()
            status = harness._answers(self.port, "localhost", path)
            self.answers.append(Answer(started, time.monotonic() - started, status))

    def between(self, start, end):
        return [answer for answer in list(self.answers) if start <= answer.started < end]


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


def problems_of(steady, outage, recovery):
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
    return problems


# --- drafts (run under Django, as `loadtest.py draft-save` / `draft-check <id> <text>`) -----------------


def django_command(env, *arguments):
    result = subprocess.run([sys.executable, __file__, *arguments], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise harness.BenchError(f"loadtest.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


def draft(action, arguments):
    """Save a draft of the default city's home page, or check that one is intact, through the ORM."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from wagtail.models import Revision, Site

    if action == "draft-save":
        home = Site.objects.get(is_default_site=True).root_page.specific
        home.intro_fi = f"{DRAFT_MARK} {secrets.token_hex(4)}"
        revision = home.save_revision()
        print(revision.pk, home.intro_fi)
        return 0
    revision_id, text = arguments[0], " ".join(arguments[1:])
    revision = Revision.objects.get(pk=revision_id)
    intact = revision.as_object().intro_fi == text and revision.content_object.get_latest_revision().pk == revision.pk
    print("intact" if intact else "changed")
    return 0 if intact else 1


# --- the run ------------------------------------------------------------------------------------------


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--short", action="store_true", help="3 s phases (the test suite's version)")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, help="seconds of steady load (60; short 3)")
    parser.add_argument("--outage", type=int, help="seconds the database is down (10; short 3)")
    parser.add_argument("--copy-from", help="copy this database instead of migrate and load_demo")
    return parser.parse_args(argv)


def prepare(cluster, env, copy_from):
    if copy_from:
        copy_database(copy_from, cluster.url)
    else:
        harness.manage(env, "migrate", "--noinput")
        harness.manage(env, "load_demo")


def run(args):
    duration, outage_seconds = args.duration or (3 if args.short else 60), args.outage or (3 if args.short else 10)
    media = Path(tempfile.mkdtemp(prefix="citycomms-loadtest-media-"))
    cluster = Cluster()
    env = harness.django_environment(SimpleNamespace(database_url=cluster.url, redis_url=REDIS_URL), media, True)
    server = None
    try:
        collect = subprocess.Popen(
            [sys.executable, "manage.py", "collectstatic", "--noinput"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
        )
        cluster.create()
        prepare(cluster, env, args.copy_from)
        harness.flush_redis(REDIS_URL)
        if collect.wait():
            raise harness.BenchError("collectstatic failed")
        server = harness.start_gunicorn(env)
        print(f"gunicorn on 127.0.0.1:{server.port}, PostgreSQL on 127.0.0.1:{cluster.port}, {args.clients} clients")
        load = Load(server.port, args.clients)
        started = time.monotonic()
        load.start()
        time.sleep(duration)
        steady = Phase("steady", load.between(started, time.monotonic()))
        revision = django_command(env, "draft-save")
        down = time.monotonic()
        cluster.stop()
        time.sleep(outage_seconds)
        outage = Phase(f"outage ({outage_seconds} s)", load.between(down, time.monotonic()))
        cluster.start()
        back = time.monotonic()
        time.sleep(MAX_RECOVERY_S + 1)  # long enough to see whether it recovered in time
        load.stop()
        answers = load.between(back, time.monotonic())
        recovery = Phase("recovery", answers, recovery_seconds(answers, back))
        draft_state = django_command(env, "draft-check", *revision.split(" ", 1))
    finally:
        if server:
            server.stop()
        cluster.remove()
        shutil.rmtree(media, ignore_errors=True)
    print_table([steady, outage, recovery])
    print(f"Draft saved before the outage: {draft_state}")
    problems = problems_of(steady, outage, recovery) + ([] if draft_state == "intact" else ["the draft changed"])
    for problem in problems:
        print(f"FAILED: {problem}")
    return 1 if problems else 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("draft-save", "draft-check"):
        return draft(argv[0], argv[1:])
    try:
        return run(parse_arguments(argv))
    except harness.BenchError as error:
        print(f"loadtest: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

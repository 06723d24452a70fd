"""The benchmark harness: CityComms under gunicorn with production settings, driven by wrk on loopback.

    .venv/bin/python bench/run.py full     # `make bench`: scale data, 10 s a route, writes docs/performance.md
    .venv/bin/python bench/run.py smoke    # `make bench-smoke`: tiny data, 2 s a route, a database of its own

Each run: a PostgreSQL database of its own (migrated, `load_demo`, then
`generate_scale_data`), `collectstatic`, gunicorn with 2 sync workers on a free
loopback port, then for every route one checked request and a bounded wrk load.
The trivial `/healthz` view is the yardstick: every route's rate is also given
as a ratio to it, measured in the same run. After each variant it reports each
worker's resident memory. `--help` lists the options.

The full run keeps its database (and media) for the next run when it already
holds the same seed and sizes; the smoke run creates its database and drops it
on exit. gunicorn is stopped on exit, even on failure or a signal.
"""

import argparse
import contextlib
import ctypes
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA_REPORTER = Path(__file__).resolve().parent / "report.lua"
REPORT = ROOT / "docs" / "performance.md"
# The generated part of docs/performance.md sits between these; text around them is kept.
REPORT_BEGIN = "<!-- bench:begin (written by bench/run.py; edit outside these markers) -->"
REPORT_END = "<!-- bench:end -->"

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
FULL_DATABASE = "citycomms_bench"
SMOKE_DATABASE = "citycomms_bench_smoke"
# A Redis database nothing else here uses (the cache tests use 13); the full run empties it first.
BENCH_REDIS_URL = "redis://127.0.0.1:6379/14"
SCALE_HOST_PREFIX = "scale-"
SIZE_NAMES = ("cities", "departments", "units", "teams", "contacts")
TINY_SIZES = {"cities": 3, "departments": 4, "units": 7, "teams": 5, "contacts": 30}
GUNICORN_WORKERS = 2
PR_SET_PDEATHSIG = 1


class BenchError(Exception):
    """A step of the harness failed; the message says which and why."""


# --- configuration ---------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """One harness run: where its data lives, how much of it, and how hard to drive each route."""

    mode: str  # "full" or "smoke"
    database_url: str
    keep_database: bool  # full: reuse between runs; smoke: drop on exit
    media_root: Path | None  # None: a temporary folder, removed on exit
    seed: int
    sizes: dict  # generate_scale_data options; an empty dict means its defaults
    duration: int  # seconds per route
    connections: int
    threads: int
    variants: tuple  # of "uncached", "cached"
    redis_url: str | None
    report: Path | None
    rebuild: bool = False

    @property
    def database_name(self):
        return urllib.parse.urlsplit(self.database_url).path.lstrip("/")

    @property
    def data_marker(self):
        """What the database was built from: reused only when this matches (see prepare_database)."""
        sizes = " ".join(f"{name}={self.sizes[name]}" for name in SIZE_NAMES if name in self.sizes) or "default sizes"
        return f"citycomms-bench: load_demo + generate_scale_data --seed {self.seed} ({sizes})"


def smoke_database_url():
    """The smoke run's database: next to DATABASE_URL's (so parallel CI runs never share one), else a fixed name."""
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith(("postgres://", "postgresql://")):
        parts = urllib.parse.urlsplit(given)
        name = parts.path.lstrip("/") or "citycomms"
        return urllib.parse.urlunsplit(parts._replace(path=f"/{name}_bench_smoke"))
    return f"{POSTGRES_SERVER}/{SMOKE_DATABASE}"


def config_from_arguments(argv=None):
    """The run's Config from the command line; smoke and full differ only in their defaults."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "mode", choices=["full", "smoke", "setup", "routes"], help="setup and routes: internal, run under Django"
    )
    parser.add_argument("--duration", type=int, help="seconds per route (full 10, smoke 2)")
    parser.add_argument("--connections", type=int, help="wrk connections (full 10, smoke 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--variants", help="comma-separated: uncached,cached (full both, smoke uncached)")
    parser.add_argument("--seed", type=int, default=1)
    for name in SIZE_NAMES:
        parser.add_argument(f"--{name}", type=int, help=f"generate_scale_data --{name} (full: its default)")
    parser.add_argument("--rebuild", action="store_true", help="full: rebuild the database even if it matches")
    parser.add_argument("--no-report", action="store_true", help="full: do not write docs/performance.md")
    parser.add_argument("--results-json", type=Path, help="also write the measurements to this file")
    args = parser.parse_args(argv)
    if args.mode in ("setup", "routes"):
        return args, None
    smoke = args.mode == "smoke"
    sizes = {name: getattr(args, name) for name in SIZE_NAMES if getattr(args, name) is not None}
    if smoke:
        sizes = {**TINY_SIZES, **sizes}
    database_url = os.environ.get("BENCH_DATABASE_URL") or (
        smoke_database_url() if smoke else f"{POSTGRES_SERVER}/{FULL_DATABASE}"
    )
    config = Config(
        mode=args.mode,
        database_url=database_url,
        keep_database=not smoke,
        media_root=None if smoke else ROOT / ".bench" / urllib.parse.urlsplit(database_url).path.lstrip("/") / "media",
        seed=args.seed,
        sizes=sizes,
        duration=args.duration or (2 if smoke else 10),
        connections=args.connections or (2 if smoke else 10),
        threads=args.threads,
        variants=tuple((args.variants or ("uncached" if smoke else "uncached,cached")).split(",")),
        redis_url=None if smoke and args.variants is None else os.environ.get("BENCH_REDIS_URL", BENCH_REDIS_URL),
        report=None if smoke or args.no_report else REPORT,
        rebuild=args.rebuild,
    )
    unknown = set(config.variants) - {"uncached", "cached"}
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    if "cached" in config.variants and not config.redis_url:
        parser.error("the cached variant needs Redis (BENCH_REDIS_URL)")
    return args, config


def django_environment(config, media_root, page_cache):
    """The environment of every manage.py command and of gunicorn: production settings on loopback."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PAGE_CACHE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="citycomms.settings.production",
        # A fresh key each run: nothing signed survives a bench run, and none is ever stored.
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost,.localhost",
        DATABASE_URL=config.database_url,
        # Plain http on loopback: no redirect to https, no https-only cookies.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        MEDIA_ROOT=str(media_root),
        PAGE_CACHE="1" if page_cache else "0",
        PYTHONUNBUFFERED="1",
    )
    env.pop("REDIS_URL", None)
    if config.redis_url:
        env["REDIS_URL"] = config.redis_url
    return env


# --- tools -------------------------------------------------------------------------------


def ensure_wrk():
    """The path of wrk, installed from Debian's packages when missing; BenchError when that cannot be done."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=env, stdin=subprocess.DEVNULL, check=False)
        found = shutil.which("wrk")
    if not found:
        raise BenchError("wrk is not installed and could not be installed (apt-get install wrk)")
    return found


def manage(env, *arguments, quiet=True):
    """Run a manage.py command under the bench settings; BenchError with its output if it fails."""
    command = [sys.executable, "manage.py", *arguments]
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BenchError(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    print(f"  manage.py {' '.join(arguments)} ({time.monotonic() - started:.0f} s)", flush=True)
    if not quiet:
        print(result.stdout, end="", flush=True)
    return result.stdout


# --- the database ------------------------------------------------------------------------------


def admin_connection(database_url):
    """An autocommit connection to the server's maintenance database, for creating and dropping ours."""
    import psycopg2

    parts = urllib.parse.urlsplit(database_url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password) if parts.password else None,
        dbname="postgres",
    )
    connection.autocommit = True
    return connection


def check_bench_name(name):
    # The harness drops its database: a name without "bench" in it is somebody else's.
    if "bench" not in name:
        raise BenchError(f"refusing to create or drop {name!r}: a bench database's name contains 'bench'")


def database_marker(database_url):
    """The marker comment of the database, None if it has none, False if the database does not exist."""
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    with contextlib.closing(admin_connection(database_url)) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        )
        row = cursor.fetchone()
    return False if row is None else row[0]


def recreate_database(database_url):
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    check_bench_name(name)
    with contextlib.closing(admin_connection(database_url)) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')


def drop_database(database_url):
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    check_bench_name(name)
    with contextlib.closing(admin_connection(database_url)) as connection, connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def mark_database(database_url, marker):
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    with contextlib.closing(admin_connection(database_url)) as connection, connection.cursor() as cursor:
        cursor.execute(f'COMMENT ON DATABASE "{name}" IS %s', [marker])


def analyze_database(database_url):
    """Give PostgreSQL's planner statistics on the freshly loaded tables, as a database in use has.

    Without them autovacuum may not yet have looked at the new rows, and the
    planner's guesses (nested loops over thousands of rows) would be measured
    instead of the site: a request then takes seconds instead of milliseconds.
    """
    import psycopg2

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    with contextlib.closing(connection), connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def postgres_version(database_url):
    with contextlib.closing(admin_connection(database_url)) as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return cursor.fetchone()[0]


def prepare_database(config, media_root, env):
    """Migrate and load the demo and the scale data, unless the database already holds exactly that.

    The database's comment records the seed and sizes it was built with; it is
    written only after a complete build, so a run that died half-way builds again.
    Static files are collected meanwhile: they need no database.
    """
    collect = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if config.keep_database and not config.rebuild and database_marker(config.database_url) == config.data_marker:
            if media_root.is_dir():
                print(f"Reusing database {config.database_name}: it already holds {config.data_marker}", flush=True)
                manage(env, "migrate", "--noinput")
                analyze_database(config.database_url)
                return "reused"
            print(f"Rebuilding {config.database_name}: its media folder {media_root} is gone", flush=True)
        build_database(config, media_root, env)
        analyze_database(config.database_url)
        return "built"
    finally:
        _stderr = collect.communicate()[1]
        if collect.returncode:
            raise BenchError(f"manage.py collectstatic failed:\n{_stderr}")
        print("  manage.py collectstatic --noinput", flush=True)


def build_database(config, media_root, env):
    print(f"Building database {config.database_name}: {config.data_marker}", flush=True)
    recreate_database(config.database_url)
    shutil.rmtree(media_root, ignore_errors=True)
    media_root.mkdir(parents=True)
    size_options = [f"--{name}={value}" for name, value in config.sizes.items()]
    setup = subprocess.run(
        [sys.executable, __file__, "setup", f"--seed={config.seed}", *size_options],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if setup.returncode:
        raise BenchError(f"building the database failed:\n{setup.stdout}{setup.stderr}")
    # Only the harness's own lines: wagtail-modeltranslation's migrate prints its SQL too.
    print(
        "".join(line for line in setup.stdout.splitlines(True) if line.startswith("  manage.py")), end="", flush=True
    )
    if config.keep_database:
        mark_database(config.database_url, config.data_marker)


# --- routes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One address to load: its name in the table, the Host header (which picks the city) and the path."""

    name: str
    host: str
    path: str


def setup_data(seed, sizes):
    """`run.py setup`: migrate, load the demo and generate the scale data in one process (run under its settings).

    One process instead of three manage.py commands: Django's start-up is seconds on a busy machine.
    """
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    steps = [
        ("migrate", {"interactive": False}),
        ("load_demo", {}),
        ("generate_scale_data", {"seed": seed, **sizes}),
    ]
    for name, options in steps:
        started = time.monotonic()
        with open(os.devnull, "w") as quiet:
            call_command(name, stdout=quiet, **options)
        print(f"  manage.py {name} {options or ''} ({time.monotonic() - started:.0f} s)", flush=True)


def print_routes():
    """`run.py routes`: find real addresses in the bench database (run under its settings) and print JSON.

    The department, unit, team, media contacts and vCard routes use the first generated
    city that speaks Finnish, so the scale data is what they read; the rest use the Helsinki demo.
    """
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import translation
    from wagtail.models import Site

    from citycomms.models import CitySettings
    from contacts.models import ContactPerson
    from departments.models import DepartmentPage, TeamPage, UnitPage
    from newsroom.models import NewsroomPage
    from press.models import PressContactsPage

    def path_of(page, language):
        with translation.override(language):
            return page.get_url_parts()[2]

    def first(model, site):
        return model.objects.live().public().descendant_of(site.root_page).order_by("path").first()

    demo = Site.objects.get(hostname="localhost")
    scale_sites = Site.objects.filter(hostname__startswith=SCALE_HOST_PREFIX).order_by("hostname")
    scale = next(site for site in scale_sites if "fi" in CitySettings.for_site(site).languages)
    department, unit, team = first(DepartmentPage, scale), first(UnitPage, scale), first(TeamPage, scale)
    press_path = path_of(first(PressContactsPage, scale), "fi")
    media_contact = ContactPerson.objects.filter(city=scale.root_page, is_media_contact=True).order_by("pk").first()
    press_search = f"{press_path}?{urllib.parse.urlencode({'q': media_contact.last_name})}"
    routes = [
        Route("healthz (yardstick)", demo.hostname, "/healthz"),
        Route("home", demo.hostname, "/fi/"),
        Route("department", scale.hostname, path_of(department, "fi")),
        Route("unit", scale.hostname, path_of(unit, "fi")),
        Route("team", scale.hostname, path_of(team, "fi")),
        Route("media contacts", scale.hostname, press_path),
        Route("press search", scale.hostname, press_search),
        Route("press filter", scale.hostname, f"{press_path}?department={department.pk}"),
        Route("site search", demo.hostname, "/fi/search/?" + urllib.parse.urlencode({"q": "viestintä"})),
        Route("newsroom", demo.hostname, path_of(first(NewsroomPage, demo), "fi")),
        Route("vCard", scale.hostname, f"/fi/vcard/{department.head_id}.vcf"),
        Route("API pages list", demo.hostname, "/api/v2/pages/"),
    ]
    print(json.dumps({"routes": [asdict(route) for route in routes], "data": data_counts()}))


def data_counts():
    """How much data the bench database holds, for the report."""
    from wagtail.models import Site

    from contacts.models import ContactPerson
    from departments.models import DepartmentPage, TeamPage, UnitPage
    from newsroom.models import PressReleasePage

    return {
        "sites": Site.objects.count(),
        "departments": DepartmentPage.objects.count(),
        "units": UnitPage.objects.count(),
        "teams": TeamPage.objects.count(),
        "contacts": ContactPerson.objects.count(),
        "press releases": PressReleasePage.objects.count(),
    }


def discover_routes(env):
    output = subprocess.run(
        [sys.executable, __file__, "routes"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if output.returncode:
        raise BenchError(f"could not look up the routes:\n{output.stderr}")
    found = json.loads(output.stdout.strip().splitlines()[-1])
    return [Route(**route) for route in found["routes"]], found["data"]


# --- gunicorn -----------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent():
    # Runs in the child before exec: the kernel sends gunicorn SIGTERM if this script dies,
    # even by SIGKILL (e.g. a test's timeout), so no server outlives the harness.
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Server:
    """A running gunicorn: its master process and the port it listens on."""

    process: subprocess.Popen
    port: int
    command: list = field(default_factory=list)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []

    def stop(self):
        """SIGTERM (gunicorn's graceful stop), then SIGKILL if it lingers."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_gunicorn(env):
    """gunicorn with 2 sync workers on a free loopback port, answering /healthz; BenchError if it does not."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "citycomms.wsgi:application",
        f"--workers={GUNICORN_WORKERS}",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        # A bench that stops waits for no slow request: the results are already taken.
        "--graceful-timeout=5",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env, preexec_fn=_die_with_parent)
    server = Server(process, port, command)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"gunicorn exited with status {process.returncode}")
        if len(server.worker_pids()) == GUNICORN_WORKERS and _answers(port, "localhost", "/healthz") == 200:
            return server
        time.sleep(0.3)
    server.stop()
    raise BenchError("gunicorn did not answer /healthz within 60 s")


def _answers(port, host, path):
    """The status of one GET, or None if nothing answers."""
    connection = HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def worker_memory(server):
    """Resident memory of each gunicorn worker in MB, from /proc/<pid>/status (VmRSS)."""
    memory = {}
    for pid in server.worker_pids():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                memory[pid] = int(line.split()[1]) / 1024
    return memory


# --- load ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """What wrk measured on one route."""

    route: Route
    status: int | None  # of the single checked request before the load
    first_ms: float  # how long that request took (a cold cache's miss, in the cached variant)
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 400 and self.errors == 0 and self.rps > 0


def load_route(wrk, config, server, route):
    """One checked request, then wrk for config.duration seconds; a Result."""
    started = time.monotonic()
    status = _answers(server.port, route.host, route.path)
    first_ms = (time.monotonic() - started) * 1000
    command = [
        wrk,
        f"--threads={config.threads}",
        f"--connections={config.connections}",
        f"--duration={config.duration}s",
        "--timeout=10s",
        "--latency",
        f"--script={LUA_REPORTER}",
        f"--header=Host: {route.host}",
        f"http://127.0.0.1:{server.port}{route.path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=False)
    line = next((line for line in output.stdout.splitlines() if line.startswith("BENCH_JSON ")), None)
    if output.returncode or line is None:
        raise BenchError(f"wrk failed on {route.path}:\n{output.stdout}{output.stderr}")
    numbers = json.loads(line.removeprefix("BENCH_JSON "))
    errors = sum(numbers[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    return Result(
        route=route,
        status=status,
        first_ms=first_ms,
        requests=numbers["requests"],
        rps=numbers["requests"] / (numbers["duration_us"] / 1e6),
        p50_ms=numbers["p50_us"] / 1000,
        p95_ms=numbers["p95_us"] / 1000,
        p99_ms=numbers["p99_us"] / 1000,
        errors=errors,
    )


def flush_redis(redis_url):
    """Empty the bench's Redis database, so the cached variant starts cold and no old page answers."""
    import redis

    if urllib.parse.urlsplit(redis_url).path.strip("/") in ("", "0"):
        raise BenchError(f"refusing to flush {redis_url}: give the bench a Redis database of its own (not 0)")
    redis.Redis.from_url(redis_url).flushdb()


@dataclass
class VariantRun:
    """One variant's results and the workers' memory after it."""

    name: str
    results: list
    memory_mb: dict


def run_variant(wrk, config, media_root, routes, variant):
    env = django_environment(config, media_root, page_cache=variant == "cached")
    if config.redis_url:
        flush_redis(config.redis_url)
    print(f"\n== {variant}: gunicorn, {describe_load(config)}", flush=True)
    server = start_gunicorn(env)
    try:
        print(TABLE_HEADER, flush=True)
        results = []
        for route in routes:
            result = load_route(wrk, config, server, route)
            results.append(result)
            print(format_row(result, results[0].rps), flush=True)
        memory = worker_memory(server)
        for pid, megabytes in memory.items():
            print(f"  gunicorn worker {pid}: {megabytes:.0f} MB RSS", flush=True)
        return VariantRun(variant, results, memory)
    finally:
        server.stop()


# --- output ----------------------------------------------------------------------------------------

TABLE_HEADER = (
    "| Route | Host | Path | Requests/s | p50 ms | p95 ms | p99 ms | Errors | Ratio to healthz | First request ms |\n"
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)


def format_row(result, yardstick_rps):
    route = result.route
    ratio = result.rps / yardstick_rps if yardstick_rps else 0
    flag = "" if result.ok else f" FAILED (status {result.status})"
    return (
        f"| {route.name} | {route.host} | `{route.path}` | {result.rps:,.0f} | {result.p50_ms:.1f} | "
        f"{result.p95_ms:.1f} | {result.p99_ms:.1f} | {result.errors} | {ratio:.3f}{flag} | {result.first_ms:.0f} |"
    )


def describe_load(config):
    return (
        f"wrk {config.threads} threads, {config.connections} connections, {config.duration} s per route, on loopback"
    )


def machine_facts(config):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return {
        "nproc": os.cpu_count(),
        "CPU": cpu,
        "load average at start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "Python": platform.python_version(),
        "PostgreSQL": postgres_version(config.database_url),
        "wrk": wrk_version.split(" [")[0].removeprefix("wrk "),
        "OS": platform.platform(),
    }


def git_commit():
    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def report_markdown(config, runs, facts, data, database_state, started):
    """The generated part of docs/performance.md: when, what, on what, with which settings, and the tables."""
    lines = [
        REPORT_BEGIN,
        "",
        f"Measured {started:%Y-%m-%d %H:%M %Z} at commit {git_commit()} by `bench/run.py {config.mode}`.",
        "",
        "**Machine:** " + "; ".join(f"{key} {value}" for key, value in facts.items()) + ".",
        "",
        "**Data:** " + ", ".join(f"{value:,} {key}" for key, value in data.items()) + f" ({config.data_marker}; "
        f"database {config.database_name} {database_state}).",
        "",
        "**Settings:** `DJANGO_SETTINGS_MODULE=citycomms.settings.production`, `DEBUG=False`, "
        "`DJANGO_SECURE_SSL_REDIRECT=0`, `DJANGO_SECURE_COOKIES=0`, `DJANGO_ALLOWED_HOSTS=localhost,.localhost`, "
        f"persistent database connections (`conn_max_age=600`), PostgreSQL on 127.0.0.1, "
        f"`gunicorn citycomms.wsgi:application --workers={GUNICORN_WORKERS} --worker-class=sync` on 127.0.0.1; "
        f"{describe_load(config)} (`wrk --latency --timeout=10s -s bench/report.lua`), "
        "one checked request per route before its load. "
        f"Variants: **uncached** `REDIS_URL={config.redis_url}`, `PAGE_CACHE=0` (every request renders); "
        f"**cached** the production setup, `REDIS_URL={config.redis_url}` (emptied before the run), `PAGE_CACHE=1`.",
        "",
        "Errors are socket errors plus responses with a status of 400 or more. "
        "The ratio is a route's requests/s over `/healthz`'s in the same variant.",
    ]
    for run in runs:
        yardstick = run.results[0].rps
        lines += ["", f"### {run.name}", "", TABLE_HEADER]
        lines += [format_row(result, yardstick) for result in run.results]
        memory = ", ".join(f"{megabytes:.0f} MB" for megabytes in run.memory_mb.values())
        lines += ["", f"gunicorn workers' RSS after the run: {memory}."]
    lines += ["", REPORT_END]
    return "\n".join(lines)


def write_report(path, generated):
    """Put the generated part into the report between its markers, keeping the text around them."""
    text = path.read_text() if path.exists() else "# Performance\n\n" + REPORT_BEGIN + "\n" + REPORT_END + "\n"
    if REPORT_BEGIN not in text or REPORT_END not in text:
        text = text.rstrip("\n") + "\n\n" + REPORT_BEGIN + "\n" + REPORT_END + "\n"
    before, rest = text.split(REPORT_BEGIN, 1)
    after = rest.split(REPORT_END, 1)[1]
    path.write_text(before + generated + after)
    print(f"\nWrote {path.relative_to(ROOT)}", flush=True)


def results_json(runs, data):
    return {
        "data": data,
        "variants": [
            {
                "name": run.name,
                "memory_mb": list(run.memory_mb.values()),
                "results": [{**asdict(result), "ok": result.ok} for result in run.results],
            }
            for run in runs
        ],
    }


# --- the run ------------------------------------------------------------------------------------------


def _stop_on_signal(signum, _frame):
    # SIGTERM from make, CI or a test's timeout: unwind, so the finally blocks stop gunicorn.
    raise SystemExit(128 + signum)


def run(config, results_path=None):
    """The whole harness; returns the process exit status (0: every route answered without errors)."""
    started = datetime.datetime.now().astimezone()
    signal.signal(signal.SIGTERM, _stop_on_signal)
    wrk = ensure_wrk()
    temporary_media = None if config.media_root else Path(tempfile.mkdtemp(prefix="citycomms-bench-media-"))
    media_root = config.media_root or temporary_media
    try:
        build_env = django_environment(config, media_root, page_cache=False)
        database_state = prepare_database(config, media_root, build_env)
        routes, data = discover_routes(build_env)
        facts = machine_facts(config)
        print("Machine: " + "; ".join(f"{key} {value}" for key, value in facts.items()), flush=True)
        print("Data: " + ", ".join(f"{value:,} {key}" for key, value in data.items()), flush=True)
        runs = [run_variant(wrk, config, media_root, routes, variant) for variant in config.variants]
    finally:
        if not config.keep_database:
            drop_database(config.database_url)
            print(f"Dropped database {config.database_name}", flush=True)
        if temporary_media:
            shutil.rmtree(temporary_media, ignore_errors=True)
    if results_path:
        results_path.write_text(json.dumps(results_json(runs, data), indent=2))
    if config.report:
        write_report(config.report, report_markdown(config, runs, facts, data, database_state, started))
    failed = [result.route.name for run in runs for result in run.results if not result.ok]
    if failed:
        print(f"\nFAILED: errors or no answers on {', '.join(failed)}", flush=True)
        return 1
    return 0


def main(argv=None):
    args, config = config_from_arguments(argv)
    if args.mode == "setup":
        setup_data(args.seed, {name: getattr(args, name) for name in SIZE_NAMES if getattr(args, name) is not None})
        return 0
    if args.mode == "routes":
        print_routes()
        return 0
    try:
        return run(config, args.results_json)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr, flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())

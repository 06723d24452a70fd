"""Database set-up: a PostgreSQL database of the run's own, holding the demo and the scale data.

The benchmark uses a database on the machine's server (127.0.0.1:5432 as postgres by default),
whose name must contain "bench", since the harness drops it. The load test stops its database,
so it runs a cluster of its own instead (`Cluster`), never the machine's shared server.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench import ROOT, BenchError, django_tasks

POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")


def manage(env, *arguments):
    """Run a manage.py command under the run's settings; BenchError with its output if it fails."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BenchError(f"manage.py {' '.join(arguments)} failed:\n{result.stdout}{result.stderr}")
    print(f"  manage.py {' '.join(arguments)} ({time.monotonic() - started:.0f} s)", flush=True)
    return result.stdout


def _connect(database_url, dbname=None):
    """An autocommit connection: to the database itself, or with dbname to another on its server."""
    import psycopg2

    parts = urllib.parse.urlsplit(database_url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=urllib.parse.unquote(parts.username or "postgres"),
        password=urllib.parse.unquote(parts.password) if parts.password else None,
        dbname=dbname or parts.path.lstrip("/"),
    )
    connection.autocommit = True
    return connection


def _on_server(database_url, sql, parameters=()):
    """Run one statement in the server's maintenance database (creating, dropping, describing ours)."""
    with contextlib.closing(_connect(database_url, "postgres")) as connection, connection.cursor() as cursor:
        cursor.execute(sql, parameters)
        return cursor.fetchone() if cursor.description else None


@dataclass(frozen=True)
class BenchDatabase:
    """The benchmark's database: where it is and what it is built from (`seed`, `sizes` of generate_scale_data).

    A kept database (the full run's) is reused by the next run when it holds the same seed and
    sizes: its comment records them, written only after a complete build, so a run that died
    half-way builds again. One that is not kept (the smoke run's) is dropped on exit.
    """

    url: str
    seed: int
    sizes: dict = field(default_factory=dict)  # empty: generate_scale_data's defaults
    keep: bool = False

    @property
    def name(self):
        return urllib.parse.urlsplit(self.url).path.lstrip("/")

    @property
    def marker(self):
        sizes = " ".join(f"{name}={value}" for name, value in self.sizes.items()) or "default sizes"
        return f"citycomms-bench: load_demo + generate_scale_data --seed {self.seed} ({sizes})"

    def _check_name(self):
        # The harness drops its database: a name without "bench" in it is somebody else's.
        if "bench" not in self.name:
            raise BenchError(f"refusing to create or drop {self.name!r}: a bench database's name contains 'bench'")

    def current_marker(self):
        """The database's comment, None if it has none, False if the database does not exist."""
        row = _on_server(
            self.url, "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [self.name]
        )
        return False if row is None else row[0]

    def prepare(self, media_root, env, rebuild=False):
        """Build the database (or reuse a kept one that matches) and analyse it; "built" or "reused"."""
        if self.keep and not rebuild and self.current_marker() == self.marker:
            if media_root.is_dir():
                print(f"Reusing database {self.name}: it already holds {self.marker}", flush=True)
                manage(env, "migrate", "--noinput")
                self.analyze()
                return "reused"
            print(f"Rebuilding {self.name}: its media folder {media_root} is gone", flush=True)
        self.build(media_root, env)
        self.analyze()
        return "built"

    def build(self, media_root, env):
        print(f"Building database {self.name}: {self.marker}", flush=True)
        self._check_name()
        _on_server(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        _on_server(self.url, f'CREATE DATABASE "{self.name}"')
        shutil.rmtree(media_root, ignore_errors=True)
        media_root.mkdir(parents=True)
        sizes = [f"--{name}={value}" for name, value in self.sizes.items()]
        output = django_tasks.run(env, "setup", f"--seed={self.seed}", *sizes)
        # Only the task's own lines: wagtail-modeltranslation's migrate prints its SQL too.
        print("".join(line for line in output.splitlines(True) if line.startswith("  manage.py")), end="", flush=True)
        if self.keep:
            _on_server(self.url, f'COMMENT ON DATABASE "{self.name}" IS %s', [self.marker])

    def analyze(self):
        analyze(self.url)

    def drop(self):
        self._check_name()
        _on_server(self.url, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        print(f"Dropped database {self.name}", flush=True)

    def server_version(self):
        return server_version(self.url)


def analyze(database_url):
    """Give the planner statistics on the freshly loaded tables, as a database in use has.

    Without them autovacuum may not yet have looked at the new rows, and the planner's
    guesses (nested loops over thousands of rows) would be measured instead of the site:
    a request then takes seconds instead of milliseconds (the load test's copy of the test
    database answered a site search in 8 s instead of 0.1 s).
    """
    with contextlib.closing(_connect(database_url)) as connection, connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def server_version(database_url):
    return _on_server(database_url, "SHOW server_version")[0]


# --- the load test's own cluster --------------------------------------------------------------------


class Cluster:
    """A PostgreSQL 15 cluster in a temporary folder on a free port, run as the postgres user when we are root."""

    def __init__(self, port, database):
        self.folder = Path(tempfile.mkdtemp(prefix="citycomms-loadtest-pg-"))
        self.data = self.folder / "data"
        self.port = port
        self.database = database
        self.url = f"postgres://postgres@127.0.0.1:{port}/{database}"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")

    def _run(self, program, *arguments):
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run([*prefix, str(POSTGRES_BIN / program), *arguments], capture_output=True, text=True)
        if result.returncode:
            raise BenchError(f"{program} failed:\n{result.stdout}{result.stderr}")

    def create(self):
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", self.database)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "postgres.log"), "-w", "start"
        )

    def stop(self):
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self):
        with contextlib.suppress(BenchError):
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
        raise BenchError(f"copying {source_url} failed:\n{restore.stderr}")

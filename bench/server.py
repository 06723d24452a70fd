"""The server: production settings on loopback, and gunicorn on a free port, stopped afterwards."""

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path

from bench import ROOT, BenchError

GUNICORN_WORKERS = 2


def django_environment(database_url, redis_url, media_root, static_root, page_cache):
    """The environment of every Django process of a run (manage.py, gunicorn): production settings on loopback.

    Static files are collected into a folder of the run's own: the checkout's `staticfiles/` may be in use by the
    test suite or a development server while a run collects.
    """
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PAGE_CACHE"))}
    env.update(
        DJANGO_SETTINGS_MODULE="citycomms.settings.production",
        # A fresh key each run: nothing signed survives a bench run, and none is ever stored.
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost,.localhost",
        DATABASE_URL=database_url,
        # Plain http on loopback: no redirect to https, no https-only cookies.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        MEDIA_ROOT=str(media_root),
        STATIC_ROOT=str(static_root),
        PAGE_CACHE="1" if page_cache else "0",
        PYTHONUNBUFFERED="1",
    )
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def flush_redis(redis_url):
    """Empty the run's Redis database, so the page cache starts cold and no old page answers."""
    import redis

    if urllib.parse.urlsplit(redis_url).path.strip("/") in ("", "0"):
        raise BenchError(f"refusing to flush {redis_url}: give the bench a Redis database of its own (not 0)")
    redis.Redis.from_url(redis_url).flushdb()


@contextlib.contextmanager
def collecting_static(env):
    """`manage.py collectstatic` in the background while the block runs; BenchError after it if that failed.

    Static files need no database, so they are collected while the data is built.
    """
    process = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield
    except BaseException:
        process.communicate()  # waited for, so that the run's folders are removed only once it is done
        raise
    errors = process.communicate()[1]
    if process.returncode:
        raise BenchError(f"manage.py collectstatic failed:\n{errors}")
    print("  manage.py collectstatic --noinput", flush=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(port, host, path, timeout=30):
    """One GET to the server on loopback: its status, headers (names in lower case) and body; OSError if none."""
    connection = HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host})
        response = connection.getresponse()
        body = response.read()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, body
    finally:
        connection.close()


def status_of(port, host, path, timeout=30):
    """The status of one GET to the server on loopback, or None if nothing answers."""
    try:
        return fetch(port, host, path, timeout)[0]
    except OSError:
        return None


@dataclass
class Server:
    """A running gunicorn: its master process and the port it listens on."""

    process: subprocess.Popen
    port: int
    command: list = field(default_factory=list)

    def worker_pids(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return sorted(int(pid) for pid in children.read_text().split()) if children.exists() else []

    def worker_memory(self):
        """Resident memory of each worker in MB, from /proc/<pid>/status (VmRSS)."""
        memory = {}
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    memory[pid] = int(line.split()[1]) / 1024
        return memory

    def stop(self):
        """SIGTERM (gunicorn's graceful stop), then SIGKILL if it lingers."""
        stop_process(self.process, timeout=15)


def stop_process(process, timeout):
    """SIGTERM `process`, then SIGKILL if it is still there after `timeout` seconds."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def die_with_the_harness():
    """A command prefix that has the kernel send a server SIGTERM when the harness dies, or [] without setpriv.

    Every normal way out (an error, SIGTERM, Ctrl-C) stops gunicorn and varnishd in a `finally`; this covers
    the one that runs no Python: the harness killed with SIGKILL (the OOM killer, a runner's hard timeout).
    Without it the servers would keep their ports and the CPU of a shared machine. util-linux's setpriv sets
    PR_SET_PDEATHSIG and execs the server, so no ctypes is needed. Start the server from the main thread: the
    signal follows the thread that started it.
    """
    setpriv = shutil.which("setpriv")
    return [setpriv, "--pdeathsig", "TERM", "--"] if setpriv else []


def start_service(command, **popen):
    """Start a server as production runs a service: it dies with the harness and has a session of its own.

    A session of its own is a scheduling group of its own (the kernel's autogroups), as systemd and compose give
    each service a cgroup: the processors are then shared between the services, not between their threads. In one
    group, Varnish's fifty busy threads left the crisis drill's publisher and gunicorn's workers a share each of
    the same size as one of theirs, and a page took 2-28 s to publish instead of 0.2-0.6.
    """
    return subprocess.Popen([*die_with_the_harness(), *command], start_new_session=True, **popen)


def start_gunicorn(env, port=None):
    """gunicorn with 2 sync workers on `port` (a free loopback port if None), answering /healthz; BenchError if it
    does not."""
    port = port or free_port()
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
    server = Server(start_service(command, cwd=ROOT, env=env), port, command)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"gunicorn exited with status {server.process.returncode}")
        if len(server.worker_pids()) == GUNICORN_WORKERS and status_of(port, "localhost", "/healthz") == 200:
            return server
        time.sleep(0.3)
    server.stop()
    raise BenchError("gunicorn did not answer /healthz within 60 s")

"""The load generator: wrk on one route for a while, and what it measured.

wrk prints the 50/75/90/99th percentiles only; bench/report.lua adds one machine-readable
line (`BENCH_JSON {...}`) with the 95th too and the errors by kind, which is what is parsed.
"""

import contextlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench import BenchError
from bench.server import status_of

LUA_REPORTER = Path(__file__).resolve().parent / "report.lua"
ERROR_KINDS = ("connect", "read", "write", "status", "timeout")


@dataclass(frozen=True)
class Route:
    """One address to load: its name in the table, the Host header (which picks the city) and the path."""

    name: str
    host: str
    path: str


@dataclass(frozen=True)
class Load:
    """How hard to drive each route."""

    duration: int  # seconds
    connections: int
    threads: int

    def describe(self):
        return f"wrk {self.threads} threads, {self.connections} connections, {self.duration} s per route, on loopback"


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
    errors: int  # socket errors plus responses of 400 and above
    kb_per_answer: float  # headers and body as received, on average
    cached_at_edge: bool | None = None  # through Varnish: whether it answered from its cache; None: no Varnish

    @property
    def ok(self):
        return self.status is not None and 200 <= self.status < 400 and self.errors == 0 and self.rps > 0


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


def wrk_version(wrk):
    first_line = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return first_line.split(" [")[0].removeprefix("wrk ")


def parse_wrk_output(stdout):
    """The numbers of report.lua's BENCH_JSON line, or None if wrk printed none."""
    line = next((line for line in stdout.splitlines() if line.startswith("BENCH_JSON ")), None)
    return None if line is None else json.loads(line.removeprefix("BENCH_JSON "))


def start_readers(command, **popen):
    """Start wrk as readers on machines of their own would be: in a scheduling group of its own (a session, see
    bench.server.start_service) at the lowest priority, so that it takes only the processor time the site leaves.

    The crisis drill measures how long readers wait while the app renders after a change. wrk at the servers'
    priority took a processor from gunicorn, which rendered slower, and every reader waited longer: a p95 of 85 ms
    against 55 ms in two runs of 2026-12-07. On a real site the readers' own processors are not the site's.
    """
    readers = subprocess.Popen(["nice", "-n19", *command], start_new_session=True, **popen)
    with contextlib.suppress(OSError):  # a kernel without autogroups: nice alone orders it within the harness's
        Path(f"/proc/{readers.pid}/autogroup").write_text("19")
    return readers


def load_route(wrk, load, port, route, headers=()):
    """One checked request, then wrk for load.duration seconds on the server at 127.0.0.1:port, sending `headers`
    ("Name: value") besides the Host; a Result."""
    started = time.monotonic()
    status = status_of(port, route.host, route.path)
    first_ms = (time.monotonic() - started) * 1000
    command = [
        wrk,
        f"--threads={load.threads}",
        f"--connections={load.connections}",
        f"--duration={load.duration}s",
        "--timeout=10s",
        "--latency",
        f"--script={LUA_REPORTER}",
        f"--header=Host: {route.host}",
        *(f"--header={header}" for header in headers),
        f"http://127.0.0.1:{port}{route.path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=False)
    numbers = parse_wrk_output(output.stdout)
    if output.returncode or numbers is None:
        raise BenchError(f"wrk failed on {route.path}:\n{output.stdout}{output.stderr}")
    return Result(
        route=route,
        status=status,
        first_ms=first_ms,
        requests=numbers["requests"],
        rps=numbers["requests"] / (numbers["duration_us"] / 1e6),
        p50_ms=numbers["p50_us"] / 1000,
        p95_ms=numbers["p95_us"] / 1000,
        p99_ms=numbers["p99_us"] / 1000,
        errors=sum(numbers[kind] for kind in ERROR_KINDS),
        kb_per_answer=numbers["bytes"] / numbers["requests"] / 1024 if numbers["requests"] else 0,
    )

"""The report: one table per variant, with when, at which commit, on what machine and data, with which settings.

The tables go to standard output as they are measured; the whole report to a Markdown file
under the repository's ignored .bench/ folder (or wherever --report says), and the numbers
to JSON with --results-json. No committed file is rewritten: docs/performance.md quotes a
run's report by hand, when someone decides that its numbers are the ones to keep.
"""

import os
import platform
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from bench import ROOT
from bench.server import GUNICORN_WORKERS
from bench.varnish import LOAD_STORAGE

TABLE_HEADER = (
    "| Route | Host | Path | Requests/s | p50 ms | p95 ms | p99 ms | Errors | Ratio to healthz | First request ms |\n"
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)

EDGE_TABLE_HEADER = (
    "| Route | Host | Path | Requests/s | p50 ms | p95 ms | p99 ms | Errors | kB per answer | Kept at the edge | "
    "× healthz via gunicorn | Of the static file | Target | First request ms |\n"
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: |"
)

VARIANT_NOTES = {
    "uncached": "**uncached** {redis}, `PAGE_CACHE=0` (every request renders)",
    "cached": "**cached** the production setup, {redis} (emptied before the run), `PAGE_CACHE=1`",
    "edge": (
        f"**edge** Varnish (`deploy/varnish/default.vcl`, `-s {LOAD_STORAGE}`) on 127.0.0.1 in front of gunicorn "
        "in the production setup, {redis}, `PAGE_CACHE=1` (without Redis production settings turn the page cache "
        "off); "
        "its first row is `/healthz` straight to gunicorn, its second a static file through the same Varnish, "
        "the rest every route through Varnish; every request with `Accept-Encoding: gzip`, as browsers send, so "
        "that Varnish hands over each copy as it keeps it (the static file gzipped by WhiteNoise, pages, feeds, "
        "vCards and JSON gzipped by Varnish)"
    ),
}

# The targets of issue 19: through Varnish, a page the edge keeps is served at least this many times as fast as
# /healthz straight from gunicorn, and at least this share of a static file's rate through the same Varnish; the
# page cache alone (the cached variant) at least this share of /healthz; and each worker stays within this memory.
EDGE_TIMES_HEALTHZ = 10
EDGE_OF_STATIC = 0.8
PAGE_CACHE_OF_HEALTHZ = 0.7
WORKER_RSS_MB = 200


@dataclass
class VariantRun:
    """One variant's results (the first route is the yardstick; the edge's second is the static file) and the
    workers' memory after it."""

    name: str
    results: list
    memory_mb: dict

    @property
    def yardstick_rps(self):
        return self.results[0].rps

    def edge_rows(self):
        """The edge variant's routes through Varnish, without its two yardsticks."""
        return self.results[2:] if self.name == "edge" else []


def ratio(rps, yardstick_rps):
    return rps / yardstick_rps if yardstick_rps else 0


def format_row(result, yardstick_rps):
    route = result.route
    flag = "" if result.ok else f" FAILED (status {result.status})"
    share = ratio(result.rps, yardstick_rps)
    return (
        f"| {route.name} | {route.host} | `{route.path}` | {result.rps:,.0f} | {result.p50_ms:.1f} | "
        f"{result.p95_ms:.1f} | {result.p99_ms:.1f} | {result.errors} | {share:.3f}{flag} | {result.first_ms:.0f} |"
    )


def edge_target(result, healthz_rps, static_rps):
    """Whether a route through Varnish meets the edge's targets: "met", "NOT MET", or why none applies."""
    if not result.cached_at_edge:
        return "none: passed to the app"
    fast_enough = (
        ratio(result.rps, healthz_rps) >= EDGE_TIMES_HEALTHZ and ratio(result.rps, static_rps) >= EDGE_OF_STATIC
    )
    return "met" if fast_enough else "NOT MET"


def format_edge_row(result, healthz_rps, static_rps, yardstick=False):
    """A row of the edge table; the yardsticks (healthz via gunicorn, the static file through Varnish) come first."""
    route = result.route
    flag = "" if result.ok else f" FAILED (status {result.status})"
    kept = {None: "", True: "yes", False: "no"}[result.cached_at_edge]
    return (
        f"| {route.name} | {route.host} | `{route.path}` | {result.rps:,.0f}{flag} | {result.p50_ms:.1f} | "
        f"{result.p95_ms:.1f} | {result.p99_ms:.1f} | {result.errors} | {result.kb_per_answer:.1f} | {kept} | "
        f"{ratio(result.rps, healthz_rps):.1f} | {ratio(result.rps, static_rps):.3f} | "
        f"{'yardstick' if yardstick else edge_target(result, healthz_rps, static_rps)} | {result.first_ms:.0f} |"
    )


def table(run):
    """A variant's table as Markdown lines."""
    if run.name != "edge":
        return [TABLE_HEADER, *(format_row(result, run.yardstick_rps) for result in run.results)]
    healthz_rps, static_rps = run.yardstick_rps, run.results[1].rps
    rows = [format_edge_row(result, healthz_rps, static_rps, yardstick=n < 2) for n, result in enumerate(run.results)]
    return [EDGE_TABLE_HEADER, *rows]


@dataclass(frozen=True)
class Target:
    """One of the issue's targets, what the run measured for it, and whether that meets it."""

    target: str
    measured: str
    met: bool


def targets(runs):
    """The targets the variants that ran can tell: the edge's, the page cache's and the workers' memory."""
    by_name = {run.name: run for run in runs}
    found = edge_targets(by_name["edge"]) if "edge" in by_name else []
    if "cached" in by_name:
        found.append(page_cache_target(by_name["cached"]))
    memory = [megabytes for run in runs for megabytes in run.memory_mb.values()]
    if memory:
        found.append(
            Target(
                f"Each gunicorn worker ≤ {WORKER_RSS_MB} MB RSS after its variant",
                f"{max(memory):.0f} MB at most",
                max(memory) <= WORKER_RSS_MB,
            )
        )
    return found


def edge_targets(edge):
    """The edge's two targets, at the slowest route it keeps (none if it kept none)."""
    kept = [result for result in edge.edge_rows() if result.cached_at_edge]
    if not kept:
        return []
    slowest = min(kept, key=lambda result: result.rps)
    times_healthz, of_static = ratio(slowest.rps, edge.yardstick_rps), ratio(slowest.rps, edge.results[1].rps)
    return [
        Target(
            f"Through Varnish, every route the edge keeps ≥ {EDGE_TIMES_HEALTHZ}× `/healthz` through gunicorn",
            f"{times_healthz:.1f}× at the slowest ({slowest.route.name})",
            times_healthz >= EDGE_TIMES_HEALTHZ,
        ),
        Target(
            f"Through Varnish, every route the edge keeps ≥ {EDGE_OF_STATIC} of a static file through it",
            f"{of_static:.3f} at the slowest ({slowest.route.name})",
            of_static >= EDGE_OF_STATIC,
        ),
    ]


def page_cache_target(cached):
    """The page cache alone, without an edge: the cached variant's slowest route against its /healthz."""
    slowest = min(cached.results[1:], key=lambda result: result.rps)
    share = ratio(slowest.rps, cached.yardstick_rps)
    return Target(
        f"The page cache alone (cached variant): every route ≥ {PAGE_CACHE_OF_HEALTHZ} of `/healthz`",
        f"{share:.3f} at the slowest ({slowest.route.name})",
        share >= PAGE_CACHE_OF_HEALTHZ,
    )


def format_targets(found):
    lines = ["| Target | Measured | |", "| --- | --- | --- |"]
    return lines + [f"| {t.target} | {t.measured} | {'met' if t.met else 'NOT MET'} |" for t in found]


def format_memory(memory_mb):
    return ", ".join(f"{megabytes:.0f} MB" for megabytes in memory_mb.values())


def machine_facts(postgres_version, wrk_version, varnish_version=None):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "CPU": cpu,
        "load average at start": " ".join(f"{load:.2f}" for load in os.getloadavg()),
        "Python": platform.python_version(),
        "PostgreSQL": postgres_version,
        "wrk": wrk_version,
        **({"Varnish": varnish_version} if varnish_version else {}),
        "OS": platform.platform(),
    }


def git_commit():
    def git(*arguments):
        return subprocess.run(["git", *arguments], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"{git('rev-parse', '--short', 'HEAD')}{dirty}"


def one_line(mapping, template="{key} {value}"):
    return "; ".join(template.format(key=key, value=value) for key, value in mapping.items())


def markdown(*, mode, started, commit, facts, data, database, database_state, load, redis_url, runs):
    """The whole report as Markdown."""
    counts = ", ".join(f"{value:,} {key}" for key, value in data.items())
    redis = f"`REDIS_URL={redis_url}`" if redis_url else "no Redis (nothing is kept between requests)"
    lines = [
        f"# Benchmark: `bench/run.py {mode}`",
        "",
        f"Measured {started:%Y-%m-%d %H:%M %Z} at commit {commit}.",
        "",
        f"**Machine:** {one_line(facts)}.",
        "",
        f"**Data:** {counts} ({database.marker}; database {database.name} {database_state}).",
        "",
        "**Settings:** `DJANGO_SETTINGS_MODULE=citycomms.settings.production`, `DEBUG=False`, "
        "`DJANGO_SECURE_SSL_REDIRECT=0`, `DJANGO_SECURE_COOKIES=0`, `DJANGO_ALLOWED_HOSTS=localhost,.localhost`, "
        "persistent database connections (`conn_max_age=600`), PostgreSQL on 127.0.0.1, "
        f"`gunicorn citycomms.wsgi:application --workers={GUNICORN_WORKERS} --worker-class=sync` on 127.0.0.1; "
        f"{load.describe()} (`wrk --latency --timeout=10s -s bench/report.lua`), "
        "one checked request per route before its load. "
        f"Variants: {'; '.join(VARIANT_NOTES[run.name].format(redis=redis) for run in runs)}.",
        "",
        "Errors are socket errors plus responses with a status of 400 or more. "
        "The ratio is a route's requests/s over `/healthz`'s in the same variant. In the edge variant, "
        '"Kept at the edge" says whether Varnish answered the route from its cache after the load (its X-Cache); '
        f"the targets (≥ {EDGE_TIMES_HEALTHZ}× `/healthz` through gunicorn and ≥ {EDGE_OF_STATIC} of the static "
        "file through Varnish) apply to the routes it keeps.",
    ]
    for run in runs:
        lines += ["", f"## {run.name}", "", *table(run)]
        lines += ["", f"gunicorn workers' RSS after the run: {format_memory(run.memory_mb)}."]
    lines += ["", "## Targets", "", *format_targets(targets(runs))]
    return "\n".join(lines) + "\n"


def results_json(runs, data):
    return {
        "data": data,
        "targets": [asdict(target) for target in targets(runs)],
        "variants": [
            {
                "name": run.name,
                "memory_mb": list(run.memory_mb.values()),
                "results": [{**asdict(result), "ok": result.ok} for result in run.results],
            }
            for run in runs
        ],
    }

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

TABLE_HEADER = (
    "| Route | Host | Path | Requests/s | p50 ms | p95 ms | p99 ms | Errors | Ratio to healthz | First request ms |\n"
    "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
)

VARIANT_NOTES = {
    "uncached": "**uncached** {redis}, `PAGE_CACHE=0` (every request renders)",
    "cached": "**cached** the production setup, {redis} (emptied before the run), `PAGE_CACHE=1`",
}


@dataclass
class VariantRun:
    """One variant's results (the first route is the yardstick) and the workers' memory after it."""

    name: str
    results: list
    memory_mb: dict


def format_row(result, yardstick_rps):
    route = result.route
    ratio = result.rps / yardstick_rps if yardstick_rps else 0
    flag = "" if result.ok else f" FAILED (status {result.status})"
    return (
        f"| {route.name} | {route.host} | `{route.path}` | {result.rps:,.0f} | {result.p50_ms:.1f} | "
        f"{result.p95_ms:.1f} | {result.p99_ms:.1f} | {result.errors} | {ratio:.3f}{flag} | {result.first_ms:.0f} |"
    )


def format_memory(memory_mb):
    return ", ".join(f"{megabytes:.0f} MB" for megabytes in memory_mb.values())


def machine_facts(postgres_version, wrk_version):
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
        "The ratio is a route's requests/s over `/healthz`'s in the same variant.",
    ]
    for run in runs:
        yardstick = run.results[0].rps
        lines += ["", f"## {run.name}", "", TABLE_HEADER]
        lines += [format_row(result, yardstick) for result in run.results]
        lines += ["", f"gunicorn workers' RSS after the run: {format_memory(run.memory_mb)}."]
    return "\n".join(lines) + "\n"


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

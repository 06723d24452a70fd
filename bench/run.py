"""The benchmark: CityComms under gunicorn with production settings, driven by wrk on loopback.

    .venv/bin/python bench/run.py full     # `make bench`: scale data, 10 s a route, all three variants
    .venv/bin/python bench/run.py smoke    # `make bench-smoke`: tiny data, 2 s a route, a database of its own

Each run: a PostgreSQL database of its own (migrated, `load_demo`, then
`generate_scale_data`), `collectstatic`, gunicorn with 2 sync workers on a free
loopback port, then for every route one checked request and a bounded wrk load.
The trivial `/healthz` view is the yardstick: every route's rate is also given
as a ratio to it, measured in the same run. After each variant it reports each
worker's resident memory. `--help` lists the options.

The variants: uncached (every request renders), cached (the page cache in
Redis: the production setup) and edge, the same routes through Varnish
(bench/varnish.py) in front of the production setup, with two yardsticks:
`/healthz` straight to gunicorn, and a static file through the same Varnish, the
physical limit of serving a kept copy. The report ends with the issue's targets
that the variants run can tell, met or not.

The tables are printed as they are measured; the report is written to
.bench/<mode>.md (ignored by git; --report elsewhere). The full run keeps its
database (and media) for the next run when it already holds the same seed and
sizes; the smoke run drops its database on exit. gunicorn is stopped on exit,
even on failure or a signal.
"""

import argparse
import dataclasses
import datetime
import json
import os
import shutil
import sys
import tempfile
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

if not __package__:
    # Run as a file (`python bench/run.py`): import the bench package from the repository's root, not bench/.
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from bench import ROOT, BenchError, report, stop_on_sigterm  # noqa: E402
from bench.database import BenchDatabase  # noqa: E402
from bench.django_tasks import SIZE_NAMES  # noqa: E402
from bench.django_tasks import run as django_task  # noqa: E402
from bench.load import Load, Route, ensure_wrk, load_route, wrk_version  # noqa: E402
from bench.server import collecting_static, django_environment, flush_redis, start_gunicorn  # noqa: E402
from bench.varnish import LOAD_STORAGE, Varnish, cached_at, varnish_version  # noqa: E402

POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
FULL_DATABASE = "citycomms_bench"
SMOKE_DATABASE = "citycomms_bench_smoke"
# A Redis database nothing else here uses (the cache tests use 13, the load test 12); emptied before each variant.
BENCH_REDIS_URL = "redis://127.0.0.1:6379/14"
TINY_SIZES = {"cities": 3, "departments": 4, "units": 7, "teams": 5, "contacts": 30}
VARIANTS = ("uncached", "cached", "edge")
# The smoke run's: no Redis needed (the edge variant then runs without the page cache, as production settings do).
SMOKE_VARIANTS = ("uncached", "edge")
# Sent on every request of the edge variant, as browsers do. Varnish keeps copies gzipped: the static files as
# WhiteNoise sends them, pages, feeds, vCards and JSON compressed by the VCL. Without it Varnish would unzip every
# copy for every answer, and the bench would measure that work instead of handing over a kept copy.
EDGE_HEADERS = ("Accept-Encoding: gzip",)


@dataclass(frozen=True)
class Config:
    """One run: its database, how hard to drive each route, which variants, and where the report goes."""

    mode: str  # "full" or "smoke"
    database: BenchDatabase
    media_root: Path | None  # None: a temporary folder, removed on exit
    load: Load
    variants: tuple  # of VARIANTS
    redis_url: str | None
    report: Path
    results_json: Path | None
    rebuild: bool = False


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
    parser.add_argument("mode", choices=["full", "smoke"])
    parser.add_argument("--duration", type=int, help="seconds per route (full 10, smoke 2)")
    parser.add_argument("--connections", type=int, help="wrk connections (full 10, smoke 2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--variants", help="comma-separated: uncached,cached,edge (full all, smoke uncached,edge)")
    parser.add_argument("--seed", type=int, default=1)
    for name in SIZE_NAMES:
        parser.add_argument(f"--{name}", type=int, help=f"generate_scale_data --{name} (full: its default)")
    parser.add_argument("--rebuild", action="store_true", help="full: rebuild the database even if it matches")
    parser.add_argument("--report", type=Path, help="write the report here (.bench/<mode>.md)")
    parser.add_argument("--results-json", type=Path, help="also write the measurements to this file")
    args = parser.parse_args(argv)
    smoke = args.mode == "smoke"
    sizes = {name: getattr(args, name) for name in SIZE_NAMES if getattr(args, name) is not None}
    if smoke:
        sizes = {**TINY_SIZES, **sizes}
    database_url = os.environ.get("BENCH_DATABASE_URL") or (
        smoke_database_url() if smoke else f"{POSTGRES_SERVER}/{FULL_DATABASE}"
    )
    database = BenchDatabase(url=database_url, seed=args.seed, sizes=sizes, keep=not smoke)
    variants = tuple(args.variants.split(",")) if args.variants else (SMOKE_VARIANTS if smoke else VARIANTS)
    config = Config(
        mode=args.mode,
        database=database,
        media_root=None if smoke else ROOT / ".bench" / database.name / "media",
        load=Load(
            duration=args.duration or (2 if smoke else 10),
            connections=args.connections or (2 if smoke else 10),
            threads=args.threads,
        ),
        variants=variants,
        redis_url=None if smoke and args.variants is None else os.environ.get("BENCH_REDIS_URL", BENCH_REDIS_URL),
        report=args.report or ROOT / ".bench" / f"{args.mode}.md",
        results_json=args.results_json,
        rebuild=args.rebuild,
    )
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    if "cached" in variants and not config.redis_url:
        parser.error("the cached variant needs Redis (BENCH_REDIS_URL)")
    return config


def run_variant(wrk, config, env, routes, static, variant):
    """Serve the database with gunicorn in one variant and load every route; a report.VariantRun."""
    env = {**env, "PAGE_CACHE": "0" if variant == "uncached" else "1"}
    if config.redis_url:
        flush_redis(config.redis_url)
    where = "Varnish in front of gunicorn" if variant == "edge" else "gunicorn"
    print(f"\n== {variant}: {where}, {config.load.describe()}", flush=True)
    server = start_gunicorn(env)
    try:
        if variant == "edge":
            results = load_through_varnish(wrk, config.load, server.port, routes, static)
        else:
            results = load_directly(wrk, config.load, server.port, routes)
        memory = server.worker_memory()
        for pid, megabytes in memory.items():
            print(f"  gunicorn worker {pid}: {megabytes:.0f} MB RSS", flush=True)
        return report.VariantRun(variant, results, memory)
    finally:
        server.stop()


def load_directly(wrk, load, port, routes):
    """Every route straight to gunicorn, each row printed as it is measured."""
    print(report.TABLE_HEADER, flush=True)
    results = []
    for route in routes:
        results.append(load_route(wrk, load, port, route))
        print(report.format_row(results[-1], results[0].rps), flush=True)
    return results


def load_through_varnish(wrk, load, gunicorn_port, routes, static):
    """`/healthz` straight to gunicorn, then the static file and every route through Varnish in front of it."""
    healthz, *pages = routes
    varnish = Varnish(gunicorn_port, storage=LOAD_STORAGE)

    def through_varnish(route):
        result = load_route(wrk, load, varnish.port, route, EDGE_HEADERS)
        return dataclasses.replace(result, cached_at_edge=cached_at(varnish.port, route.host, route.path))

    try:
        varnish.wait_until_serving()
        print(report.EDGE_TABLE_HEADER, flush=True)
        direct = load_route(wrk, load, gunicorn_port, dataclasses.replace(healthz, name="healthz via gunicorn"))
        results = [direct, through_varnish(static)]
        for result in results:
            print(report.format_edge_row(result, direct.rps, results[1].rps, yardstick=True), flush=True)
        for route in [dataclasses.replace(healthz, name="healthz through Varnish"), *pages]:
            results.append(through_varnish(route))
            print(report.format_edge_row(results[-1], direct.rps, results[1].rps), flush=True)
        return results
    finally:
        varnish.stop()


def run(config):
    """The whole benchmark; returns the process exit status (0: every route answered without errors)."""
    started, commit = datetime.datetime.now().astimezone(), report.git_commit()
    stop_on_sigterm()
    wrk = ensure_wrk()
    edge_version = varnish_version() if "edge" in config.variants else None  # before the long build: is it there?
    temporary_media = None if config.media_root else Path(tempfile.mkdtemp(prefix="citycomms-bench-media-"))
    media_root = config.media_root or temporary_media
    static_root = Path(tempfile.mkdtemp(prefix="citycomms-bench-static-"))
    database = config.database
    try:
        build_env = django_environment(database.url, config.redis_url, media_root, static_root, page_cache=False)
        with collecting_static(build_env):
            database_state = database.prepare(media_root, build_env, rebuild=config.rebuild)
        found = json.loads(django_task(build_env, "routes").strip().splitlines()[-1])
        routes, static, data = [Route(**route) for route in found["routes"]], Route(**found["static"]), found["data"]
        facts = report.machine_facts(database.server_version(), wrk_version(wrk), edge_version)
        print(f"Machine: {report.one_line(facts)}", flush=True)
        print("Data: " + ", ".join(f"{value:,} {key}" for key, value in data.items()), flush=True)
        runs = [run_variant(wrk, config, build_env, routes, static, variant) for variant in config.variants]
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
        if temporary_media:
            shutil.rmtree(temporary_media, ignore_errors=True)
        if not database.keep:
            database.drop()
    text = report.markdown(
        mode=config.mode,
        started=started,
        commit=commit,
        facts=facts,
        data=data,
        database=database,
        database_state=database_state,
        load=config.load,
        redis_url=config.redis_url,
        runs=runs,
    )
    print("\n" + "\n".join(report.format_targets(report.targets(runs))), flush=True)
    config.report.parent.mkdir(parents=True, exist_ok=True)
    config.report.write_text(text)
    print(f"\nReport: {config.report}", flush=True)
    if config.results_json:
        config.results_json.write_text(json.dumps(report.results_json(runs, data), indent=2))
    failed = [result.route.name for run in runs for result in run.results if not result.ok]
    if failed:
        print(f"\nFAILED: errors or no answers on {', '.join(failed)}", flush=True)
        return 1
    return 0


def main(argv=None):
    config = config_from_arguments(argv)
    try:
        return run(config)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr, flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())

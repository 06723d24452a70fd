"""`make audit`: serve the demo, have Lighthouse and the Nu checker judge every page, print the table.

Exit status 0 when every page scores 100 in accessibility, best practices and SEO and has no HTML error, 1 when
one does not, 2 when the audit could not run. The details go to .audit/report.md (--report elsewhere).
"""

import argparse
import datetime
import json
import sys
import tempfile
from http.client import HTTPConnection
from pathlib import Path

if not __package__:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from audit import ROOT, django_tasks, judges, report  # noqa: E402
from bench import BenchError, stop_on_sigterm  # noqa: E402
from bench.server import collecting_static, django_environment, start_gunicorn  # noqa: E402


def fetch(port, host, path):
    """(status, HTML) of one GET to the server, with the city's host name (and port) as a browser sends it."""
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": f"{host}:{port}"})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def judge_pages(pages, port, folder):
    """A report.PageResult per page: Lighthouse's verdict now, the Nu checker's messages filled in after."""
    results, html_files = [], {}
    for number, page in enumerate(pages, start=1):
        url = f"http://{page['host']}:{port}{page['path']}"
        result = report.PageResult(page["page"], page["language"], url)
        status, html = fetch(port, page["host"], page["path"])
        if status != 200:
            result.problem = f"HTTP {status}"
        else:
            html_files[number] = folder / f"{number:03d}.html"
            html_files[number].write_text(html, encoding="utf-8")
            try:
                verdict = judges.lighthouse(url, folder / f"{number:03d}.json")
                result.scores, result.failing = verdict.scores, verdict.failing
            except judges.JudgeError as error:
                result.problem = str(error)
        results.append(result)
        print(f"  [{number}/{len(pages)}] {report.cells(result)}", flush=True)
    print("  Nu HTML checker …", flush=True)
    messages = judges.nu_check(list(html_files.values()))
    for number, path in html_files.items():
        results[number - 1].nu_messages = messages.get(path.name, [])
    return results


def version_of(package):
    return json.loads((ROOT / "node_modules" / package / "package.json").read_text())["version"]


def run(report_path):
    """The whole audit; its exit status."""
    missing = judges.missing_tools()
    if missing:
        print("audit: missing " + "; ".join(missing), file=sys.stderr)
        return 2
    started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    stop_on_sigterm()
    with tempfile.TemporaryDirectory(prefix="citycomms-audit-") as temporary:
        folder = Path(temporary)
        (folder / "media").mkdir()
        env = django_environment(f"sqlite:///{folder / 'audit.sqlite3'}", None, folder / "media", page_cache=False)
        print(f"Demo database: {folder / 'audit.sqlite3'} (migrate, load_demo) …", flush=True)
        with collecting_static(env):
            django_tasks.run(env, "setup")
        pages = json.loads(django_tasks.run(env, "pages"))
        server = start_gunicorn(env)
        print(f"gunicorn (production settings) on 127.0.0.1:{server.port}; judging {len(pages)} pages", flush=True)
        try:
            results = judge_pages(pages, server.port, folder)
        finally:
            server.stop()
    print()
    print(report.table(results))
    print()
    print(report.summary(results))
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(report.markdown(results, started, version_of("lighthouse"), version_of("vnu-jar")))
    print(f"Details: {report_path}")
    return report.exit_status(results)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", type=Path, default=ROOT / ".audit" / "report.md", help="where the details go")
    args = parser.parse_args(argv)
    try:
        return run(args.report)
    except (BenchError, django_tasks.TaskError, judges.JudgeError) as error:
        print(f"audit: {error}", file=sys.stderr, flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())

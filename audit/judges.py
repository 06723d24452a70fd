"""The outside judges: Lighthouse (npm's `lighthouse` driving Debian's Chromium) and the Nu HTML checker (npm's
`vnu-jar`, run with the system's Java). package.json pins both; `npm ci` installs them; nothing downloads a
browser or a Java runtime (CHROME_PATH names the system's Chromium, vnu-jar's postinstall script is not run).
"""

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from audit import ROOT

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("accessibility", "best-practices", "seo")
# Audits that score nothing: nothing to fail.
UNSCORED = {"notApplicable", "manual", "informative", "error"}
# Items of a failing audit shown in the report; the rest are counted.
ITEMS_SHOWN = 5
LIGHTHOUSE_SECONDS = 240
NU_SECONDS = 600


class JudgeError(Exception):
    """A judge could not run (not installed, crashed); the message says which and why."""


@dataclass
class Verdict:
    """Lighthouse's scores (0–100, None if it gave none) and failing audits for one page."""

    scores: dict
    failing: list = field(default_factory=list)  # of (category, title, [item descriptions])


def missing_tools():
    """What the audit needs and this machine lacks, as sentences; [] when everything is there."""
    missing = []
    if not LIGHTHOUSE.exists() or not VNU_JAR.exists():
        missing.append("lighthouse and vnu-jar from npm: run `npm ci` (package.json's devDependencies)")
    if not Path(os.environ.get("CHROME_PATH", CHROMIUM)).exists():
        missing.append(f"Chromium at {CHROMIUM} (Debian's chromium package) or CHROME_PATH")
    if not shutil.which("java"):
        missing.append("java (17 or newer) for the Nu HTML checker")
    return missing


# --- Lighthouse ------------------------------------------------------------------------------------


def lighthouse(url, output):
    """Run Lighthouse on `url` (accessibility, best practices, SEO), writing its JSON to `output`; a Verdict."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    command = [
        str(LIGHTHOUSE),
        url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        # Root in a container has no sandbox; the audited pages are our own.
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
    ]
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=LIGHTHOUSE_SECONDS)
    except subprocess.TimeoutExpired as error:
        raise JudgeError(f"Lighthouse took over {LIGHTHOUSE_SECONDS} s on {url}") from error
    if result.returncode or not Path(output).exists():
        raise JudgeError(f"Lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    return read_lighthouse(json.loads(Path(output).read_text()))


def read_lighthouse(report):
    """The Verdict in a Lighthouse JSON report (lhr): each category's score and the audits that fail in it."""
    scores, failing = {}, []
    for category in CATEGORIES:
        data = report["categories"].get(category, {})
        score = data.get("score")
        scores[category] = None if score is None else round(score * 100)
        for ref in data.get("auditRefs", []):
            audit = report["audits"].get(ref["id"], {})
            if audit.get("scoreDisplayMode") in UNSCORED or audit.get("score") is None or audit["score"] >= 1:
                continue
            failing.append((category, audit.get("title", ref["id"]), audit_items(audit)))
    return Verdict(scores, failing)


def audit_items(audit):
    """A few lines saying where an audit failed: the elements' selectors and snippets, or the URLs."""
    items = (audit.get("details") or {}).get("items") or []
    lines = []
    for item in items[:ITEMS_SHOWN]:
        node = item.get("node") or {}
        if node:
            lines.append(f"{node.get('selector', '')} {node.get('snippet', '')}".strip())
        else:
            text = item.get("description") or item.get("url") or item.get("source") or json.dumps(item)[:200]
            lines.append(text if isinstance(text, str) else json.dumps(text)[:200])
    if len(items) > ITEMS_SHOWN:
        lines.append(f"… and {len(items) - ITEMS_SHOWN} more")
    return lines


# --- the Nu HTML checker -----------------------------------------------------------------------------


def nu_check(files):
    """Run the Nu checker once over HTML `files` (one JVM start for all); {file name: [message dicts]}."""
    if not files:
        return {}
    command = ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, files)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=NU_SECONDS)
    except subprocess.TimeoutExpired as error:
        raise JudgeError(f"the Nu checker took over {NU_SECONDS} s") from error
    try:
        messages = json.loads(result.stdout)["messages"]
    except (ValueError, KeyError) as error:  # it exits 1 when it finds errors: only unreadable output is a failure
        raise JudgeError(f"the Nu checker failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}") from error
    return read_nu(messages, files)


def read_nu(messages, files):
    """The Nu checker's messages by the name of the file they are about (every file listed, maybe with none)."""
    by_name = {Path(name).name: [] for name in files}
    for message in messages:
        name = Path(message.get("url", "").removeprefix("file:")).name
        by_name.setdefault(name, []).append(message)
    return by_name


def nu_errors(messages):
    """The messages that are errors (a "non-document-error" means the checker could not read the file)."""
    return [message for message in messages if message.get("type") in ("error", "non-document-error")]

"""The audit's table (printed), its Markdown report (.audit/report.md) and its verdict: no browser, no Django."""

from dataclasses import dataclass, field

from audit.judges import CATEGORIES, nu_errors

HEADERS = ("Page", "Lang", "A11y", "Best pr.", "SEO", "Nu errors")
PERFECT = 100


@dataclass
class PageResult:
    """What the judges said about one page in one language. `problem`: why a judge could not judge it."""

    page: str
    language: str
    url: str
    scores: dict = field(default_factory=dict)  # category: 0–100 or None
    failing: list = field(default_factory=list)  # Lighthouse's (category, title, [items])
    nu_messages: list = field(default_factory=list)
    problem: str = ""

    @property
    def errors(self):
        return nu_errors(self.nu_messages)

    @property
    def passed(self):
        scores_perfect = all(self.scores.get(category) == PERFECT for category in CATEGORIES)
        return scores_perfect and not self.errors and not self.problem


def cells(result):
    """The table row of one result, as strings; "—" where a judge gave no score."""
    scores = [("—" if result.scores.get(c) is None else str(result.scores[c])) for c in CATEGORIES]
    return [result.page, result.language, *scores, str(len(result.errors))]


def table(results):
    """The results as a plain-text table, columns aligned, a line per page and language."""
    rows = [list(HEADERS), *(cells(result) for result in results)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(HEADERS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def summary(results):
    """One line: how many pages passed, and the failing ones."""
    failed = [f"{result.page} ({result.language})" for result in results if not result.passed]
    if not failed:
        return f"All {len(results)} pages: 100 in accessibility, best practices and SEO, no HTML errors."
    return f"{len(results) - len(failed)} of {len(results)} pages passed; failing: {', '.join(failed)}."


def markdown(results, started, lighthouse_version, nu_version):
    """The report: the table, then for each page that did not pass what Lighthouse and the Nu checker found."""
    lines = [
        "# make audit",
        "",
        f"Run {started}; Lighthouse {lighthouse_version}, Nu HTML checker {nu_version}.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(HEADERS),
        *("| " + " | ".join(cells(result)) + " |" for result in results),
        "",
        summary(results),
    ]
    for result in results:
        if result.passed and not result.nu_messages:
            continue
        lines += ["", f"## {result.page} ({result.language})", "", f"<{result.url}>", ""]
        if result.problem:
            lines += [f"Could not judge: {result.problem}", ""]
        for category, title, items in result.failing:
            lines.append(f"- Lighthouse {category}: **{title}**")
            lines += [f"  - `{item}`" for item in items]
        for message in result.nu_messages:
            where = f"line {message.get('lastLine', '?')}"
            extract = " ".join(message.get("extract", "").split())
            kind = message.get("subType") or message.get("type")
            lines.append(
                f"- Nu {kind} ({where}): {message.get('message', '')}" + (f" — `{extract}`" if extract else "")
            )
    return "\n".join(lines) + "\n"


def exit_status(results):
    """0 when every page passed, else 1."""
    return 0 if results and all(result.passed for result in results) else 1

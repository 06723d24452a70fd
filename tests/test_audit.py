"""`make audit`'s own code, with made-up judges' answers (no browser, no server), and the Nu checker once on a
known-bad page to prove the audit hears about an HTML error. `make audit` itself is not run in CI."""

import shutil

import pytest

from audit import judges, report

PERFECT = {"accessibility": 100, "best-practices": 100, "seo": 100}


def lighthouse_report(accessibility=1, best_practices=1, seo=1, failing_audit=None):
    """A Lighthouse result (lhr) cut down to what the audit reads; `failing_audit` fails in accessibility."""
    audits = {
        "document-title": {"title": "Document has a <title>", "score": 1, "scoreDisplayMode": "binary"},
        "video-caption": {"title": "Videos have captions", "score": None, "scoreDisplayMode": "notApplicable"},
        "errors-in-console": {"title": "No errors in the console", "score": 0, "scoreDisplayMode": "informative"},
    }
    refs = [{"id": "document-title"}, {"id": "video-caption"}]
    if failing_audit:
        audits[failing_audit] = {
            "title": "Background and foreground colors have a sufficient contrast ratio",
            "score": 0,
            "scoreDisplayMode": "binary",
            "details": {
                "items": [
                    {"node": {"selector": f"p.muted-{n}", "snippet": f'<p class="muted-{n}">'}} for n in range(7)
                ]
            },
        }
        refs.append({"id": failing_audit})
    return {
        "categories": {
            "accessibility": {"score": accessibility, "auditRefs": refs},
            "best-practices": {"score": best_practices, "auditRefs": [{"id": "errors-in-console"}]},
            "seo": {"score": seo, "auditRefs": []},
        },
        "audits": audits,
    }


NU_ERROR = {
    "type": "error",
    "url": "file:/tmp/x/002.html",
    "lastLine": 12,
    "message": "Bad value “x”.",
    "extract": "<a>",
}
NU_WARNING = {"type": "info", "subType": "warning", "url": "file:/tmp/x/001.html", "message": "Consider lang."}


def result(page="Göteborg: home", scores=PERFECT, messages=(), failing=(), problem=""):
    return report.PageResult(
        page, "sv", "http://goteborg.localhost:1/sv/", dict(scores), list(failing), list(messages), problem
    )


# --- reading the judges' answers --------------------------------------------------------------------


def test_lighthouse_scores_are_read_as_percentages_and_only_scored_audits_that_fail_are_listed():
    verdict = judges.read_lighthouse(
        lighthouse_report(accessibility=0.93, best_practices=0.96, failing_audit="color-contrast")
    )
    assert verdict.scores == {"accessibility": 93, "best-practices": 96, "seo": 100}
    assert [(category, title) for category, title, _items in verdict.failing] == [
        ("accessibility", "Background and foreground colors have a sufficient contrast ratio")
    ]
    items = verdict.failing[0][2]
    assert items[0] == 'p.muted-0 <p class="muted-0">' and items[-1] == "… and 2 more" and len(items) == 6


def test_a_perfect_lighthouse_report_has_nothing_failing_and_a_missing_score_stays_missing():
    assert judges.read_lighthouse(lighthouse_report()) == judges.Verdict(PERFECT, [])
    assert judges.read_lighthouse(lighthouse_report(seo=None)).scores["seo"] is None


def test_nu_messages_are_sorted_to_their_files_and_only_errors_count():
    by_file = judges.read_nu([NU_ERROR, NU_WARNING], ["/tmp/x/001.html", "/tmp/x/002.html", "/tmp/x/003.html"])
    assert by_file == {"001.html": [NU_WARNING], "002.html": [NU_ERROR], "003.html": []}
    assert judges.nu_errors([NU_ERROR, NU_WARNING]) == [NU_ERROR]
    assert judges.nu_errors([{"type": "non-document-error", "message": "unreadable"}])


# --- the table, the report and the verdict ----------------------------------------------------------


def test_the_table_has_a_row_per_page_with_scores_and_error_counts_in_aligned_columns():
    results = [result(), result("Stockholm: newsroom", {**PERFECT, "seo": 92}, [NU_ERROR, NU_ERROR, NU_WARNING])]
    lines = report.table(results).splitlines()
    assert lines[0].split() == ["Page", "Lang", "A11y", "Best", "pr.", "SEO", "Nu", "errors"]
    assert set(lines[1]) == {"-", " "}
    assert lines[2].split() == ["Göteborg:", "home", "sv", "100", "100", "100", "0"]
    assert lines[3].split() == ["Stockholm:", "newsroom", "sv", "100", "100", "92", "2"]
    assert lines[2].index("sv") == lines[3].index("sv") == lines[0].index("Lang")


def test_a_page_passes_only_with_every_score_100_no_html_error_and_nothing_that_stopped_the_judges():
    assert result().passed
    assert result(messages=[NU_WARNING]).passed  # a warning is not an error
    assert not result(scores={**PERFECT, "best-practices": 99}).passed
    assert not result(scores={**PERFECT, "seo": None}).passed
    assert not result(messages=[NU_ERROR]).passed
    assert not result(problem="HTTP 500").passed
    assert report.exit_status([result(), result()]) == 0
    assert report.exit_status([result(), result(messages=[NU_ERROR])]) == 1
    assert report.exit_status([]) == 1  # nothing judged is not a pass


def test_the_report_details_what_failed_and_where():
    failing = [("accessibility", "Links have a discernible name", ["a.icon <a class=icon>"])]
    results = [
        result(),
        result("Helsinki: unit", {**PERFECT, "accessibility": 95}, [NU_ERROR], failing),
        result("Helsinki: team", problem="HTTP 404"),
    ]
    text = report.markdown(results, "2026-12-06T17:00:00+00:00", "12.8.2", "26.9.27")
    assert "| Göteborg: home | sv | 100 | 100 | 100 | 0 |" in text
    assert "| Helsinki: unit | sv | 95 | 100 | 100 | 1 |" in text
    assert "1 of 3 pages passed; failing: Helsinki: unit (sv), Helsinki: team (sv)." in text
    assert "## Göteborg: home" not in text  # a page that passed without remarks gets no section
    assert "- Lighthouse accessibility: **Links have a discernible name**\n  - `a.icon <a class=icon>`" in text
    assert "- Nu error (line 12): Bad value “x”. — `<a>`" in text
    assert "Could not judge: HTTP 404" in text
    assert report.summary([result()]).startswith("All 1 pages: 100")


# --- the Nu checker itself -----------------------------------------------------------------------------


@pytest.mark.skipif(not shutil.which("java") or not judges.VNU_JAR.exists(), reason="needs java and npm's vnu-jar")
def test_the_nu_checker_reports_an_error_in_a_known_bad_page(tmp_path):
    good = '<!DOCTYPE html><html lang="en"><head><title>Good</title></head><body><p>Fine.</p></body></html>'
    bad = good.replace("<p>Fine.</p>", '<p><div id="a" id="a">Not in a p.</div></p>')
    (tmp_path / "good.html").write_text(good)
    (tmp_path / "bad.html").write_text(bad)
    found = judges.nu_check([tmp_path / "good.html", tmp_path / "bad.html"])  # one JVM start for both
    assert judges.nu_errors(found["good.html"]) == []
    errors = judges.nu_errors(found["bad.html"])
    assert any("Duplicate attribute" in error["message"] for error in errors), errors

"""The HTML report with reference scores (`tqcheck check --reference`) and fix impact (--fix).

Results come from the real pipeline: the engine's findings on a made-up hypothesis, scored by
the CLI's own ``score_result`` against a made-up reference. The browser tests reuse the
chromium set-up of test_html_browser.py (same launch arguments, same "nothing should happen"
checks); the static tests parse the page.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from test_html_browser import browser, open_report  # noqa: F401  (fixtures)
from test_reporters import parse_html, render

from tqcheck.reference import score_result as _score_against
from tqcheck.engine import check_text
from tqcheck.model import FileResult, Finding, Severity
from tqcheck.reporters.html import csp_hash
from tqcheck.scoring import fix_impact

LOW_CHRF = 40.0
# Line 1 is close to its reference, line 3 partly, line 4 hardly at all; line 2 is blank.
HYP = ("The talks resumed in May Last May, and the parties or The components agreed.\n"
       "\n"
       "The minister said that the the economy grew in The last quarter.\n"
       "Officials or The aides declined to comment and and left.\n")
REF = ("Talks resumed last May, and the parties agreed.\n"
       "\n"
       "The minister said the economy grew in the last quarter.\n"
       "A spokesman would not comment on the talks.\n")
HOSTILE_REF = '<script>window.__pwned=1</script>"><img src=x onerror=alert(1)>.txt'


def blank_line_finding(text: str) -> Finding:
    """A finding on the blank line 2: no segment covers it, so it gets no score."""
    at = text.index("\n\n") + 1
    return Finding("TQ999", "blank-probe", "structure", Severity.INFO, "a finding on a blank line",
                   at, at, 2, 1, 2, 1, "", ())


def scored_result(tmp: Path, path: str = "news/article.txt", reference_name: str = "ref.txt") -> FileResult:
    reference = tmp / reference_name
    reference.write_text(REF, encoding="utf-8")
    result = check_text(HYP, path)
    findings = tuple(sorted((*result.findings, blank_line_finding(HYP)), key=lambda f: f.sort_key))
    return _score_against(dataclasses.replace(result, findings=findings), reference, LOW_CHRF)


@pytest.fixture(scope="module")
def scored(tmp_path_factory) -> FileResult:
    result = scored_result(tmp_path_factory.mktemp("ref"))
    assert not result.error and "scores" in result.extra
    segments = [f.data.get("segment") for f in result.findings]
    chrfs = {s["chrf"] for s in segments if s}
    assert None in segments and len(chrfs) >= 3  # a blank score and several distinct ones
    assert any(s and s["low"] for s in segments) and any(s and not s["low"] for s in segments)
    return result


def expected_score(f: Finding) -> str:
    segment = f.data.get("segment")
    return f"{segment['chrf']:.1f}" if segment else ""


# --- in the browser --------------------------------------------------------------------------


def row_scores(page, file_id="file-0") -> list[str]:
    return page.locator(f"#{file_id} tr[data-for] td.score").evaluate_all(
        "cells => cells.map(c => c.firstChild ? c.firstChild.textContent.trim() : '')")


def as_numbers(scores: list[str]) -> list[float]:
    return [float(s) for s in scores if s]


def test_score_column_sorts_by_click_and_keyboard(open_report, scored):  # noqa: F811
    clean = check_text("The talks resumed in May.\n", "news/clean.txt")
    report = open_report([scored, clean])
    page = report.page
    section = page.locator("#file-0")
    findings = scored.findings

    # the values, in document order, and the low-chrF badges on exactly the low findings
    assert row_scores(page) == [expected_score(f) for f in findings]
    low = [bool(f.data.get("segment", {}).get("low")) for f in findings]
    badges = section.locator("tr[data-for]").evaluate_all(
        "rows => rows.map(r => !!r.querySelector('td.score .badge'))")
    assert badges == low and any(low)
    assert section.locator("td.score .badge").first.inner_text() == "low chrF"
    assert section.locator("td.score .badge").first.is_visible()

    # document scores, with their signatures in the title
    for metric, label in (("bleu", "BLEU"), ("chrf", "chrF"), ("ter", "TER")):
        pill = section.locator(f'.metric[data-metric="{metric}"]')
        assert pill.inner_text() == f"{label} {scored.extra['scores'][metric]['score']:.1f}"
        assert scored.extra["scores"][metric]["signature"] in pill.get_attribute("title")
    assert "Scored against a reference: 1 of 2 files" in page.locator("header").inner_text()

    header = section.locator('th[data-sort="score"]')
    button = header.get_by_role("button", name="Score")
    assert header.get_attribute("aria-sort") is None
    assert section.locator('th[data-sort="line"]').get_attribute("aria-sort") == "ascending"

    button.click()
    ascending = row_scores(page)
    assert as_numbers(ascending) == sorted(as_numbers(ascending))
    assert ascending[-1] == "" and ascending.count("") == 1  # no score: last
    assert ascending != [expected_score(f) for f in findings]  # the order really changed
    assert header.get_attribute("aria-sort") == "ascending"
    assert section.locator("th[aria-sort]").count() == 1

    button.click()
    descending = row_scores(page)
    assert as_numbers(descending) == sorted(as_numbers(descending), reverse=True)
    assert descending[-1] == ""  # still last
    assert header.get_attribute("aria-sort") == "descending"

    # the keyboard works too: Enter on the Rule header sorts by code, Space reverses it
    rule = section.locator('th[data-sort="code"]')
    rule.get_by_role("button").focus()
    page.keyboard.press("Enter")
    codes = section.locator("tr[data-for]").evaluate_all("rows => rows.map(r => r.dataset.code)")
    assert codes == sorted(f.code for f in findings) and rule.get_attribute("aria-sort") == "ascending"
    page.keyboard.press(" ")
    codes = section.locator("tr[data-for]").evaluate_all("rows => rows.map(r => r.dataset.code)")
    assert codes == sorted((f.code for f in findings), reverse=True)
    assert rule.get_attribute("aria-sort") == "descending" and header.get_attribute("aria-sort") is None

    # severity sorts most severe first; Where restores document order
    section.locator('th[data-sort="severity"] button').click()
    ranks = section.locator("tr[data-for]").evaluate_all("rows => rows.map(r => r.dataset.severity)")
    order = {"error": 0, "warning": 1, "info": 2}
    assert [order[s] for s in ranks] == sorted(order[s] for s in ranks) and ranks[-1] == "info"
    section.locator('th[data-sort="line"] button').click()
    ids = section.locator("tr[data-for]").evaluate_all("rows => rows.map(r => r.dataset.for)")
    assert ids == [f"f0-{j}" for j in range(len(findings))]
    assert section.locator('th[data-sort="line"]').get_attribute("aria-sort") == "ascending"

    # filters still count rows after sorting
    page.locator('input[data-facet="severity"][value="info"]').uncheck()
    assert section.locator("tr[data-for]:visible").count() == len(findings) - 1
    report.assert_quiet()


def test_a_low_scoring_highlight_tells_its_line_score(open_report, scored):  # noqa: F811
    report = open_report([scored])
    page = report.page
    low = next(j for j, f in enumerate(scored.findings) if f.data.get("segment", {}).get("low"))
    page.locator(f"#f0-{low}").focus()
    chrf = scored.findings[low].data["segment"]["chrf"]
    assert f"Line chrF {chrf:.1f} (low)" in page.locator("#tip").inner_text()
    blank = next(j for j, f in enumerate(scored.findings) if not f.data.get("segment"))
    page.locator(f"#f0-{blank}").focus()
    assert "chrF" not in page.locator("#tip").inner_text()
    report.assert_quiet()


def test_the_wider_scored_table_fits_its_card(open_report, scored, tmp_path):  # noqa: F811
    report = open_report([scored, fixed_result(tmp_path)])
    page = report.page
    for file_id in ("file-0", "file-1"):
        card = page.locator(f"#{file_id}").bounding_box()
        table = page.locator(f"#{file_id} table.findings").bounding_box()
        text = page.locator(f"#{file_id} .orig .text").bounding_box()
        assert table["x"] >= card["x"] and table["x"] + table["width"] <= card["x"] + card["width"]
        assert table["y"] >= text["y"] + text["height"]  # six columns need the full width: below the text
    assert page.locator("#file-1 .fix-report").is_visible()
    report.assert_quiet()


# --- static ------------------------------------------------------------------------------------


def fixed_result(tmp: Path) -> FileResult:
    fixed = HYP.replace("the the", "the").replace("and and", "and")
    result = scored_result(tmp, "news/fixed.txt")
    summary = {"count": 2, "passes": 1, "by_rule": {"TQ101": 2}, "impact": fix_impact(HYP, fixed, REF)}
    return dataclasses.replace(result, extra=dict(result.extra, fixed=summary))


def text_of(output: str, cls: str) -> str:
    """The text inside the first element with this class (a tiny tree walk over the parse)."""
    from html.parser import HTMLParser

    class Grab(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.depth, self.out = 0, ""

        def handle_starttag(self, tag, attrs):
            if self.depth:
                self.depth += 1
            elif cls in (dict(attrs).get("class") or "").split() and not self.out:
                self.depth = 1

        def handle_endtag(self, tag):
            self.depth = max(self.depth - 1, 0)

        def handle_data(self, data):
            if self.depth:
                self.out += data

    grab = Grab()
    grab.feed(output)
    return " ".join(grab.out.split())


def test_without_scores_the_table_and_page_are_unchanged():
    result = check_text(HYP, "news/article.txt")
    tags = parse_html(render("html", [result]))
    headers = [a for t, a in tags.tags if t == "th" and a.get("scope") == "col"]
    assert len(headers) == 4 and not any("sortable" in (a.get("class") or "") for a in headers)
    classes = {c for t, a in tags.tags for c in (a.get("class") or "").split()}
    assert not classes & {"facts", "scores", "fix-report", "scoring", "score", "badge", "scored", "metric"}
    assert not [a for t, a in tags.tags if "data-score" in a or "aria-sort" in a]


def test_fix_impact_is_shown_before_and_after(tmp_path):
    output = render("html", [fixed_result(tmp_path)])
    impact = fixed_result(tmp_path).extra["fixed"]["impact"]
    line = text_of(output, "fix-report")
    assert line.startswith("Fixed: 2 findings (TQ101 ×2)")
    assert f"vs original: chrF {impact['change']['chrf']:.1f}, TER {impact['change']['ter']:.1f}" in line
    b, a = impact["before"], impact["after"]
    assert f"chrF {b['chrf']:.1f} → {a['chrf']:.1f}" in line and f"TER {b['ter']:.1f} → {a['ter']:.1f}" in line
    assert impact["delta"]["ter"] < 0 and f"({impact['delta']['ter']:.1f})" in line
    ter_trend = [a for t, a in parse_html(output).tags if t == "span" and (a.get("class") or "").startswith("trend-")]
    assert [a["class"] for a in ter_trend] == ["trend-better"] * 3  # fewer edits and higher BLEU/chrF
    assert "Fixed 2 findings in 1 file" in text_of(output, "scoring")


def test_fix_without_a_reference_shows_only_the_change(tmp_path):
    fixed = HYP.replace("the the", "the")
    result = check_text(fixed, "news/fixed.txt")
    result = dataclasses.replace(result, extra={"fixed": {"count": 1, "passes": 1, "by_rule": {"TQ101": 1},
                                                          "impact": fix_impact(HYP, fixed)}})
    output = render("html", [result])
    line = text_of(output, "fix-report")
    assert line.startswith("Fixed: 1 finding (TQ101)") and "vs original: chrF" in line
    assert "vs reference" not in line and "→" not in line
    assert "Scored against" not in text_of(output, "scoring")
    assert not [a for t, a in parse_html(output).tags if t == "th" and "sortable" in (a.get("class") or "")]


def test_reference_paths_and_signatures_are_escaped_and_the_csp_still_pins(tmp_path):
    hostile = scored_result(tmp_path, reference_name="ref.txt")
    scores = dict(hostile.extra["scores"], reference=HOSTILE_REF)
    scores["bleu"] = dict(scores["bleu"], signature='nrefs:1"><script>window.__pwned=2</script>')
    output = render("html", [dataclasses.replace(hostile, extra={"scores": scores})])
    tags = parse_html(output)
    assert output.count("<script") == 1 and "<img" not in output
    assert HOSTILE_REF in text_of(output, "scores")
    (pill,) = [a for t, a in tags.tags if a.get("data-metric") == "bleu"]
    assert pill["title"] == 'BLEU signature: nrefs:1"><script>window.__pwned=2</script>'
    (csp,) = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'" and "unsafe-inline" not in csp
    assert (directives["script-src"], directives["style-src"]) == (csp_hash(tags.scripts[0]), csp_hash(tags.styles[0]))
    assert not [a for t, a in tags.tags if "style" in a or any(k.startswith("on") for k in a)]


def test_header_names_the_lowest_chrf_file_and_counts_low_findings(tmp_path, scored):
    other = scored_result(tmp_path, "news/other.txt")
    worse = dict(other.extra["scores"], chrf=dict(other.extra["scores"]["chrf"], score=12.5))
    other = dataclasses.replace(other, extra={"scores": worse})
    line = text_of(render("html", [scored, other, FileResult("news/missing.txt", error="no such file")]), "scoring")
    lows = 2 * sum(1 for f in scored.findings if f.data.get("segment", {}).get("low"))
    assert line == (f"Scored against a reference: 2 of 3 files · lowest document chrF 12.5 (news/other.txt) · "
                    f"{lows} findings in low-chrF lines")

"""The HTML report in a real browser (Debian's chromium driven by Playwright).

Without /usr/bin/chromium these tests skip on a workstation but fail when ``CI`` is set, so a
CI image that lost its browser cannot pass silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from tqcheck.engine import check_paths, check_text
from tqcheck.fixer import apply_once
from tqcheck.model import Applicability, Edit, FileResult, Finding, Fix, Severity
from tqcheck.reporters import RenderOptions, reporter

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SAMPLE = "The talks resumed in May Last May, and the parties or The components agreed.\n"
PAYLOAD = "<script>window.__pwned=1</script>"
IMG = '"><img src=x onerror="window.__pwned=2;alert(2)">'


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = f"chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


class Report:
    """A rendered report opened in a fresh page, recording everything that should not happen."""

    def __init__(self, browser, path: Path, results, html: str | None = None):
        path.write_text(html or reporter("html")(results, RenderOptions(version="9.9.9")), encoding="utf-8")
        self.results = results
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:  # the report must not load anything from the network
            self.requests.append(route.request.url)
            route.abort()

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    def visible_marks(self) -> int:
        return self.page.locator("mark.finding:not(.off)").count()

    def assert_quiet(self):
        assert self.errors == [] and self.dialogs == []
        assert self.requests == []  # nothing from the network


@pytest.fixture
def open_report(browser, tmp_path):
    opened = []

    def open_(results, name="report.html", html=None):
        report = Report(browser, tmp_path / name, results or [], html)
        opened.append(report)
        return report

    yield open_
    for report in opened:
        report.context.close()


@pytest.fixture(scope="module")
def results():
    seeds = list(check_paths([str(SEEDS)]))
    sample = check_text(SAMPLE, "news/sample.txt")
    clean = check_text("The talks resumed in May.\n", "news/clean.txt")
    assert sample.findings and not clean.findings
    return [*seeds, sample, clean, FileResult("news/missing.txt", error="no such file")]


def test_every_finding_is_highlighted_and_the_page_loads_cleanly(open_report, results):
    report = open_report(results)
    page = report.page
    assert page.locator("mark.finding").count() == len(report.findings) > 0
    assert page.locator("#shown").inner_text() == str(len(report.findings))
    assert page.locator("tr[data-for]:visible").count() == len(report.findings)
    assert page.get_by_text("no such file").is_visible()
    report.assert_quiet()


def test_filters_hide_highlights_and_rows_and_update_the_counts(open_report, results):
    report = open_report(results)
    page, findings = report.page, report.findings
    category = sorted({f.category for f in findings})[0]
    hidden = [f for f in findings if f.category == category]
    page.locator(f'input[data-facet="category"][value="{category}"]').uncheck()
    assert report.visible_marks() == len(findings) - len(hidden)
    assert page.locator("#shown").inner_text() == str(len(findings) - len(hidden))
    assert page.locator("tr[data-for]:visible").count() == len(findings) - len(hidden)
    off = page.locator("mark.finding.off")
    assert sorted(off.evaluate_all("ms => ms.map(m => m.dataset.category)")) == [category] * len(hidden)
    assert set(off.evaluate_all("ms => ms.map(m => m.tabIndex)")) == {-1}
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING and f.category != category)
    assert page.locator('input[data-facet="severity"][value="warning"] + .n').inner_text() == str(warnings)

    code = sorted({f.code for f in findings if f.category != category})[0]
    page.locator(f'input[data-facet="code"][value="{code}"]').uncheck()
    both = sum(1 for f in findings if f.category == category or f.code == code)
    assert report.visible_marks() == len(findings) - both

    page.get_by_role("button", name="Show all").click()
    assert report.visible_marks() == len(findings)
    assert page.locator("#shown").inner_text() == str(len(findings))
    report.assert_quiet()


def test_focus_and_hover_show_the_message_and_suggestion(open_report, results):
    report = open_report(results)
    page, findings = report.page, report.findings
    tip = page.locator("#tip")
    assert tip.is_hidden()
    page.locator("mark.finding").nth(1).focus()
    assert tip.is_visible()
    assert findings[1].message in tip.inner_text()
    assert findings[1].suggestions[0] in tip.inner_text()
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    last = page.locator("mark.finding").nth(len(findings) - 1)
    last.hover()
    assert tip.is_visible() and findings[-1].message in tip.inner_text()
    report.assert_quiet()


def test_keyboard_moves_between_findings(open_report, results):
    report = open_report(results)
    page = report.page
    active = lambda: page.evaluate("document.activeElement.id")  # noqa: E731
    ids = page.locator("mark.finding").evaluate_all("ms => ms.map(m => m.id)")
    page.keyboard.press("j")
    assert active() == ids[0]
    page.keyboard.press("n")
    assert active() == ids[1]
    page.keyboard.press("k")
    assert active() == ids[0]
    page.keyboard.press("p")
    assert active() == ids[-1]  # wraps around
    page.locator(f"#{ids[0]}").focus()
    page.keyboard.press("Tab")
    assert active() == ids[1]
    report.assert_quiet()


def test_fixed_view_shows_the_corrected_text(open_report, results):
    report = open_report(results)
    page = report.page
    sample = next(r for r in results if r.path == "news/sample.txt")
    fixed = apply_once(sample.text, sample.findings)[0]
    assert fixed != sample.text
    section = page.locator("section.file", has_text="news/sample.txt")
    page.get_by_role("button", name="Safe fixes applied").click()
    assert section.locator(".fixed .text").is_visible() and section.locator(".orig .text").is_hidden()
    assert section.locator(".fixed .text").text_content() == fixed
    assert page.get_by_role("button", name="Safe fixes applied").get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Side by side").click()
    left, right = section.locator(".orig .text").bounding_box(), section.locator(".fixed .text").bounding_box()
    assert right["x"] >= left["x"] + left["width"]
    assert section.locator(".orig .text").text_content() == sample.text
    report.assert_quiet()


def test_untrusted_text_paths_and_messages_run_nothing(open_report):
    text = f"Before {PAYLOAD} middle {IMG} and javascript:alert(3) after.\n"
    s, i, j = text.index(PAYLOAD), text.index(IMG), text.index("javascript:")
    fix = Fix("Remove <script>", (Edit(s, s + len(PAYLOAD), ""),), Applicability.SAFE)
    findings = (
        Finding("TQ900", "r<x>", "c", Severity.ERROR, f"message {IMG}", s, s + len(PAYLOAD), 1, s + 1, 1, s + 1 + len(PAYLOAD), PAYLOAD, ("",), fix),
        Finding("TQ901", "r", f"cat{IMG}", Severity.INFO, PAYLOAD, i, i + len(IMG), 1, i + 1, 1, i + 1 + len(IMG), IMG, (PAYLOAD,)),
        Finding("TQ902", "r", "c", Severity.WARNING, "javascript:alert(4)", j, j + 11, 1, j + 1, 1, j + 12, "javascript:", ()),
    )
    hostile = FileResult(f"news/{IMG}{PAYLOAD}.txt", findings, text=text)
    report = open_report([hostile, FileResult(f"{PAYLOAD}.txt", error=f"cannot read {IMG}")])
    page = report.page
    for k in range(len(findings)):
        page.locator("mark.finding").nth(k).focus()
        page.locator("mark.finding").nth(k).hover()
    assert page.locator("#tip").inner_text().startswith("TQ902")
    page.locator("mark.finding").nth(0).focus()
    assert IMG in page.locator("#tip").inner_text()  # shown as text
    page.get_by_role("button", name="Side by side").click()
    page.get_by_text("javascript:alert(3)").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("section.file .orig .text").text_content() == text
    assert page.get_by_role("heading", name=f"news/{IMG}{PAYLOAD}.txt").is_visible()
    assert page.locator("img, a[href^=javascript]").count() == 0
    report.assert_quiet()


def test_screenshot_of_the_seed_report(open_report):
    report = open_report(list(check_paths([str(SEEDS)])))
    report.page.locator("mark.finding").first.focus()
    out = ROOT / "reports" / "html-report.png"
    out.parent.mkdir(exist_ok=True)
    out.unlink(missing_ok=True)
    report.page.screenshot(path=str(out), full_page=True)
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    report.assert_quiet()


def _payloads(tag: str) -> str:
    """Every kind of injection, each setting its own window flag if it ever ran."""
    return (f"<script>window.__x{tag}1=1</script> \"><img src=x onerror=\"window.__x{tag}2=1\"> "
            f"'><svg onload=window.__x{tag}3=1> javascript:window.__x{tag}4=1 "
            f"<a href=\"javascript:window.__x{tag}5=1\">go</a> </script><script>window.__x{tag}6=1</script>")


def test_hostile_names_text_rules_and_errors_through_the_cli_run_nothing(open_report, cli, tmp_path):
    """Payloads in the file name, the article text, a user rule's name, message, description and
    suggestion, and a file error (a broken link's target); the report goes through the real CLI, opens in the browser, and
    every highlight is focused and hovered."""
    rules = tmp_path / "rules"
    rules.mkdir()
    quote = lambda s: "'" + s.replace("'", "''") + "'"  # noqa: E731  (YAML single-quoted)
    (rules / 'x"><img src=x onerror=window.__xn1=1>.yml').write_text(
        "code: XSS1\ncheck: substitution\nregex: false\nseverity: error\n"
        f"message: {quote(_payloads('m') + ' {match} -> {suggestion}')}\n"
        f"description: {quote(_payloads('d'))}\n"
        f"swap:\n  badword: {quote(_payloads('s').replace('|', ''))}\n", encoding="utf-8")
    text = f"The badword appeared. {_payloads('t')} and the the end.\n"
    (tmp_path / 'n"><img src=x onerror=window.__xf1=1>.txt').write_text(text, encoding="utf-8")
    os.symlink(_payloads("e"), tmp_path / "e.txt")  # a broken link: its target shows in the error
    report = tmp_path / "report.html"
    missing = "<svg onload=window.__xf2=1>.txt"
    on_disk = cli(tmp_path, missing, "--include", "*.txt", "--rules", rules, "--format", "html", "-o", report)
    assert on_disk.exit_code == 1
    piped = cli("-", "--stdin-filename", f"news/{_payloads('p')}.txt", "--rules", rules, "--format", "html",
                "-o", tmp_path / "stdin.html", input=text)
    assert piped.exit_code == 1
    for name in ("report.html", "stdin.html"):
        html = (tmp_path / name).read_text(encoding="utf-8")
        opened = open_report(None, name=name, html=html)
        page = opened.page
        marks = page.locator("mark.finding")
        assert marks.count() >= 2
        for k in range(marks.count()):
            marks.nth(k).focus()
            marks.nth(k).hover()
        page.get_by_role("button", name="Side by side").click()
        page.get_by_text("javascript:window.__xt4=1").first.click()
        assert page.evaluate("Object.keys(window).filter(k => k.startsWith('__x'))") == []
        assert page.evaluate("document.scripts.length") == 1
        assert page.locator("img, iframe, [onerror], [onload], a[href]:not([href^=\"#\"])").count() == 0
        assert "window.__xm1=1" in page.locator("table.findings").first.inner_text()  # the message, as text
        assert "window.__xs6=1" in page.locator(".fixed .text").first.text_content()  # the suggestion, applied, as text
        csp = page.evaluate("document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content")
        directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
        assert directives["default-src"] == ["'none'"] and directives["img-src"] == ["'none'"]
        assert directives["base-uri"] == ["'none'"] and directives["form-action"] == ["'none'"]
        for kind in ("script-src", "style-src"):
            assert len(directives[kind]) == 1 and directives[kind][0].startswith("'sha256-")
        assert page.evaluate("document.head.firstElementChild.nextElementSibling.httpEquiv") == "Content-Security-Policy"
        opened.assert_quiet()  # no dialog, no console error (not even a script refused by the CSP)
    page_text = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "no such file or folder" in page_text and "&lt;svg onload=window.__xf2=1&gt;.txt" in page_text
    assert "broken symbolic link (to &#39;&lt;script&gt;window.__xe1=1&lt;/script&gt;" in page_text

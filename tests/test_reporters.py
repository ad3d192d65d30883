"""Every output format, on the real engine's findings (seeds/ and small texts) and on hand-made
edge cases: structure, escaping, determinism, clean and unreadable files.

Assertions are structural, not byte goldens, so adding or tuning a rule does not break them.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from conftest import SEEDS
from hypothesis import given
from hypothesis import strategies as st

from tqcheck.cli import Format
from tqcheck.engine import check_file, check_paths, check_text
from tqcheck.fixer import apply_once
from tqcheck.model import Applicability, Edit, FileResult, Finding, Fix, Severity
from tqcheck.reporters import REPORTERS, RenderOptions, reporter
from tqcheck.reporters.html import fixed_tokens, mark_tokens

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
OPTIONS = RenderOptions(version="9.9.9")
NEW_FORMATS = ("sarif", "junit", "github", "html", "statistics")
# A capitalised function word (TQ201, safe fix) and an echo (TQ102): both shipped rules.
SAMPLE = "The talks resumed in May Last May, and the parties or The components agreed.\n"
CLEAN = "The talks resumed in May.\n"
HOSTILE_PATH = 'news/"><img src=x onerror="window.__pwned=1">,a:b%.txt'
HOSTILE_TEXT = 'He said <script>window.__pwned=1</script> and "><img src=x onerror=alert(1)> javascript:alert(1) end.\n'


def finding(start, end, text, code="TQ999", severity=Severity.WARNING, message="m", fix=None, rule="r", category="c"):
    line_start = text.rfind("\n", 0, start) + 1
    return Finding(code, rule, category, severity, message, start, end, text.count("\n", 0, start) + 1,
                   start - line_start + 1, text.count("\n", 0, end) + 1, end - (text.rfind("\n", 0, end) + 1) + 1,
                   text[start:end], (fix.edits[0].text,) if fix else (), fix)


def safe_fix(start, end, new):
    return Fix(f"Replace with {new!r}", (Edit(start, end, new),), Applicability.SAFE)


@pytest.fixture(scope="module")
def seeds():
    results = list(check_paths([str(SEEDS)]))
    assert results and all(r.text is not None for r in results)
    return results


@pytest.fixture(scope="module")
def sample():
    result = check_text(SAMPLE, "news/sample.txt")
    assert {"TQ102", "TQ201"} <= {f.code for f in result.findings}
    assert any(f.fix and f.fix.applicability is Applicability.SAFE for f in result.findings)
    return result


@pytest.fixture(scope="module")
def clean():
    result = check_text(CLEAN, "news/clean.txt")
    assert not result.findings and not result.error
    return result


@pytest.fixture
def unreadable(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"caf\xe9 au lait\n")
    result = check_file(str(path), [])
    assert result.error and result.text is None
    return result


@pytest.fixture(scope="module")
def hostile():
    """Untrusted text, path and message, with nested and overlapping findings and a safe fix."""
    text = HOSTILE_TEXT
    s = text.index("<script>")
    img = text.index('"><img')
    findings = (
        finding(s, s + 17, text, "TQ900", Severity.ERROR, "bad <b>tag</b>\nsecond line, 100% sure: yes", safe_fix(s, s + 17, "")),
        finding(s + 8, s + 25, text, "TQ901", Severity.INFO, 'quote " and <script>window.__pwned=2</script>', category="x<y"),
        finding(img, img + 20, text, "TQ902", Severity.WARNING, "javascript:alert(1)", safe_fix(img, img + 2, "'")),
    )
    return FileResult(HOSTILE_PATH, tuple(sorted(findings, key=lambda f: f.sort_key)), text=text)


def render(name, results, options=OPTIONS):
    return reporter(name)(results, options)


# --- every format --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_new_formats_are_registered_and_offered_by_the_cli(name):
    assert name in REPORTERS
    assert Format(name).value == name


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_every_format_is_deterministic(name, seeds, sample, clean, unreadable, hostile):
    results = [*seeds, sample, clean, unreadable, hostile]
    first = render(name, results)
    assert first and first == render(name, results)
    assert render(name, []) == render(name, [])


# --- SARIF ---------------------------------------------------------------------------------------


def validate_sarif(output: str) -> dict:
    log = json.loads(output)
    cls = jsonschema.validators.validator_for(SCHEMA)
    assert cls is jsonschema.Draft4Validator  # what the official schema declares
    errors = sorted(cls(SCHEMA, format_checker=cls.FORMAT_CHECKER).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return log


def test_sarif_on_seeds_is_valid_and_points_at_the_matched_text(seeds):
    log = validate_sarif(render("sarif", seeds))
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "tqcheck" and driver["version"] == "9.9.9" and driver["informationUri"].startswith("https://")
    findings = [f for r in seeds for f in r.findings]
    assert len(run["results"]) == len(findings) > 0
    texts = {Path(r.path).resolve().as_uri(): r.text for r in seeds}
    for item, f in zip(run["results"], findings):
        assert driver["rules"][item["ruleIndex"]]["id"] == item["ruleId"] == f.code
        assert item["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity.value]
        location = item["locations"][0]["physicalLocation"]
        region = location["region"]
        assert "uriBaseId" not in location["artifactLocation"]  # the seeds path is absolute
        text = texts[location["artifactLocation"]["uri"]]
        assert text[region["charOffset"] : region["charOffset"] + region["charLength"]] == f.match == region["snippet"]["text"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (f.line, f.column, f.end_line, f.end_column)
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_fixes_reproduce_the_fixer_and_relative_paths_use_srcroot(sample, clean):
    log = validate_sarif(render("sarif", [sample, clean]))
    results = log["runs"][0]["results"]
    location = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "news/sample.txt", "uriBaseId": "%SRCROOT%"}
    fixed = [r for r in results if r.get("fixes")]
    assert len(fixed) == sum(1 for f in sample.findings if f.fix)
    safe = [r for r in fixed if r["fixes"][0]["properties"]["applicability"] == "safe"]
    edits = sorted(((rep["deletedRegion"]["charOffset"], rep["deletedRegion"]["charLength"], rep["insertedContent"]["text"])
                    for r in safe for change in r["fixes"][0]["artifactChanges"] for rep in change["replacements"]), reverse=True)
    text = sample.text
    for offset, length, new in edits:
        text = text[:offset] + new + text[offset + length :]
    assert text == apply_once(sample.text, sample.findings)[0] != sample.text


def test_sarif_reports_unreadable_files_as_notifications(sample, unreadable):
    log = validate_sarif(render("sarif", [sample, unreadable]))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "not valid UTF-8" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.txt")
    assert len(log["runs"][0]["results"]) == len(sample.findings)


def test_sarif_escapes_hostile_paths_and_keeps_messages_verbatim(hostile):
    log = validate_sarif(render("sarif", [hostile]))
    results = log["runs"][0]["results"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert not re.search(r'[\s"<>%](?![0-9A-F]{2})', uri) and ":" not in uri
    assert [r["message"]["text"] for r in results] == [f.message for f in hostile.findings]
    deletion = results[0]["fixes"][0]["artifactChanges"][0]["replacements"][0]
    assert deletion["insertedContent"]["text"] == "" and deletion["deletedRegion"]["charLength"] == 17


def test_sarif_fingerprints_survive_edits_elsewhere_and_tell_repeats_apart():
    text = "They met or The envoys. Then the parties and The aides left.\n"
    before = json.loads(render("sarif", [check_text(text, "a.txt")]))["runs"][0]["results"]
    after = json.loads(render("sarif", [check_text("A new first paragraph.\n\n" + text, "a.txt")]))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["tqcheck/v1"] for r in before]
    the = [r for r in before if r["ruleId"] == "TQ201"]
    assert len(the) == 2 and len(set(prints)) == len(prints)
    assert [r["locations"][0]["physicalLocation"]["region"]["charOffset"] for r in before] != \
           [r["locations"][0]["physicalLocation"]["region"]["charOffset"] for r in after]
    assert prints == [r["partialFingerprints"]["tqcheck/v1"] for r in after]


def test_sarif_rule_metadata_comes_from_options_with_a_fallback(sample):
    rules = (("TQ201", "function-word-capitals", "A function word capitalised. MT carries capitals over.", "warning", "capitalization"),
             ("TQ311", "religious-formulas", "Blessings carried over.", "info", "register"))
    log = validate_sarif(render("sarif", [sample], RenderOptions(version="1", rules=rules)))
    by_id = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert by_id["TQ201"]["shortDescription"]["text"] == "A function word capitalised."
    assert by_id["TQ201"]["fullDescription"]["text"] == rules[0][2]
    assert by_id["TQ311"]["defaultConfiguration"]["level"] == "note"  # listed though it found nothing
    assert by_id["TQ102"]["name"] == "echo" and by_id["TQ102"]["properties"]["category"] == "repetition"
    assert by_id["TQ102"]["shortDescription"]["text"]  # fallback when the CLI gave no description
    assert list(by_id) == sorted(by_id)


# --- JUnit ---------------------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_a_failure_per_finding(sample, clean, unreadable):
    root = ET.fromstring(render("junit", [sample, clean, unreadable]))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [sample.path, clean.path, unreadable.path]
    found, ok, broken = suites
    assert int(found.get("tests")) == int(found.get("failures")) == len(sample.findings)
    for case, f in zip(found.findall("testcase"), sample.findings):
        failure = case.find("failure")
        assert failure.get("type") == f.code and failure.get("message") == f.message
        assert f"{sample.path}:{f.line}:{f.column}:" in failure.text
        assert f"suggestion: {f.suggestions[0]}" in failure.text
    (case,) = ok.findall("testcase")
    assert (ok.get("tests"), ok.get("failures"), ok.get("errors")) == ("1", "0", "0") and len(case) == 0
    assert broken.get("errors") == "1" and "not valid UTF-8" in broken.find("testcase/error").get("message")
    assert root.get("tests") == str(len(sample.findings) + 2)
    assert root.get("failures") == str(len(sample.findings)) and root.get("errors") == "1"


def test_junit_on_seeds_counts_every_finding(seeds):
    root = ET.fromstring(render("junit", seeds))
    assert len(root.findall(".//failure")) == sum(len(r.findings) for r in seeds) > 0


def test_junit_survives_hostile_text_and_control_characters(hostile):
    text = "bell\x07 and form feed\x0c here"
    odd = FileResult("odd\x1b.txt", (finding(0, 4, text, message="ring \x07 the <bell> & go"),), text=text)
    root = ET.fromstring(render("junit", [hostile, odd]))
    assert root.find("testsuite").get("name") == HOSTILE_PATH
    assert [f.get("message") for f in root.iter("failure")][:2] == [f.message for f in hostile.findings[:2]]
    assert root.findall("testsuite")[1].get("name") == "odd\\x1b.txt"
    assert root.findall(".//failure")[-1].get("message") == "ring \\x07 the <bell> & go"


# --- GitHub annotations ---------------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape(value: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], value)


def parse_github(output: str) -> list[tuple[str, dict, str]]:
    parsed = []
    for line in output.splitlines():
        level, props, message = COMMAND.match(line).groups()
        parsed.append((level, dict(p.split("=", 1) for p in props.split(",")), message))
    return parsed


def test_github_annotations_round_trip_through_the_escaping(sample, hostile):
    results = [sample, hostile]
    parsed = parse_github(render("github", results))
    findings = [(r.path, f) for r in results for f in r.findings]
    assert len(parsed) == len(findings)
    for (level, props, message), (path, f) in zip(parsed, findings):
        assert level == {"error": "error", "warning": "warning", "info": "notice"}[f.severity.value]
        props = {k: unescape(v) for k, v in props.items()}
        assert props == {"file": path, "line": str(f.line), "col": str(f.column), "endLine": str(f.end_line),
                         "endColumn": str(f.end_column), "title": f"{f.code} {f.rule}"}
        assert unescape(message).startswith(f.message)


def test_github_escapes_percent_newlines_and_property_separators(hostile):
    first = render("github", [hostile]).splitlines()[0]
    assert first.startswith("::error file=news/\"><img src=x onerror=\"window.__pwned=1\">%2Ca%3Ab%25.txt,line=1,")
    assert first.endswith("::bad <b>tag</b>%0Asecond line, 100%25 sure: yes")


def test_github_reports_unreadable_files_and_nothing_for_clean_ones(clean, unreadable):
    assert render("github", [clean]) == ""
    ((level, props, message),) = parse_github(render("github", [clean, unreadable]))
    assert level == "error" and unescape(props["file"]) == unreadable.path and "not valid UTF-8" in message


# --- statistics -----------------------------------------------------------------------------------


def test_statistics_counts_per_rule_sorted_by_count_then_code():
    text = "abcdefghij"
    f = lambda i, code, fix=None: finding(i, i + 1, text, code, fix=fix, rule=f"rule-{code}")  # noqa: E731
    results = [FileResult("a.txt", (f(0, "B2", safe_fix(0, 1, "x")), f(1, "A1"), f(2, "C3")), text=text),
               FileResult("b.txt", (f(3, "C3"), f(4, "B2", safe_fix(4, 5, "y"))), text=text)]
    lines = render("statistics", results).splitlines()
    rows = [line.split() for line in lines[1:4]]
    assert lines[0].split() == ["count", "code", "rule", "fixable"]
    assert rows == [["2", "B2", "rule-B2", "2"], ["2", "C3", "rule-C3", "0"], ["1", "A1", "rule-A1", "0"]]
    assert lines[4] == "5 findings from 3 rules; 2 fixable"


def test_statistics_on_real_findings_and_edge_cases(seeds, sample, clean, unreadable):
    out = render("statistics", [*seeds, sample])
    counts = Counter(f.code for r in [*seeds, sample] for f in r.findings)
    rows = {line.split()[1]: int(line.split()[0]) for line in out.splitlines()[1:-1]}
    assert rows == dict(counts)
    assert render("statistics", [clean]) == "No findings.\n"
    assert render("statistics", [clean, unreadable]) == "No findings.\n1 file could not be checked\n"


# --- HTML (static; the browser tests are in test_html_browser.py) ---------------------------------


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.texts: list[str] = []  # the text content of each <div class="text"> (article views)
        self._raw = None
        self._depth = 0  # open elements inside the current div.text

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._raw = tag if tag in ("script", "style") else None
        if self._depth:
            self._depth += 1
        elif tag == "div" and dict(attrs).get("class") == "text":
            self._depth = 1
            self.texts.append("")

    def handle_data(self, data):
        if self._raw == "script":
            self.scripts.append(data)
        elif self._raw == "style":
            self.styles.append(data)
        if self._depth:
            self.texts[-1] += data

    def handle_endtag(self, tag):
        self._raw = None
        self._depth = max(self._depth - 1, 0)


def parse_html(output: str) -> Tags:
    parser = Tags()
    parser.feed(output)
    return parser


def findings_in(tags: Tags) -> list[dict]:
    return [a for t, a in tags.tags if "finding" in (a.get("class") or "").split()]


def test_html_has_one_focusable_highlight_per_finding(seeds, sample, clean, unreadable):
    results = [*seeds, sample, clean, unreadable]
    tags = parse_html(render("html", results))
    marks = findings_in(tags)
    findings = [f for r in results for f in r.findings]
    assert len(marks) == len(findings) > 0
    assert len({m["id"] for m in marks}) == len(marks)
    for m, f in zip(marks, findings):
        assert m["tabindex"] == "0"
        assert (m["data-code"], m["data-severity"], m["data-category"], m["data-rule"], m["data-message"]) == \
               (f.code, f.severity.value, f.category, f.rule, f.message)
    rows = [a for t, a in tags.tags if t == "tr" and "data-for" in a]
    assert [r["data-for"] for r in rows] == [m["id"] for m in marks]


def test_html_is_self_contained_with_a_hash_pinned_csp(seeds):
    output = render("html", seeds)
    tags = parse_html(output)
    (csp,) = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    sha = lambda s: "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"  # noqa: E731
    assert len(tags.scripts) == 1 and directives["script-src"] == sha(tags.scripts[0])
    assert len(tags.styles) == 1 and directives["style-src"] == sha(tags.styles[0])
    assert "unsafe-inline" not in csp
    assert not [a for t, a in tags.tags if "src" in a or t == "link" or "style" in a]
    assert all(a["href"].startswith("#") for t, a in tags.tags if "href" in a)
    assert "url(" not in tags.styles[0] and "@import" not in tags.styles[0]
    assert "http://" not in output and "https://" not in output


def test_html_escapes_untrusted_text_messages_and_paths(hostile, unreadable):
    bad = FileResult('<script>window.__pwned=3</script>.txt', error="can't read <b>this</b>")
    output = render("html", [hostile, bad, unreadable])
    tags = parse_html(output)
    assert output.count("<script") == 1 and "<img" not in output and "<b>" not in output
    assert not [a for t, a in tags.tags if any(k.startswith("on") for k in a)]
    original, fixed = tags.texts[:2]
    assert original == HOSTILE_TEXT  # the article, shown as text
    assert fixed == apply_once(HOSTILE_TEXT, hostile.findings)[0]
    assert "&lt;script&gt;window.__pwned=3&lt;/script&gt;.txt" in output  # the file name
    assert "can&#39;t read &lt;b&gt;this&lt;/b&gt;" in output
    assert len(findings_in(tags)) == len(hostile.findings)


def test_html_fixed_view_holds_the_safely_fixed_text(sample):
    fixed, pieces, applied = fixed_tokens(sample.text, sample.findings)
    assert fixed == apply_once(sample.text, sample.findings)[0] != sample.text
    assert "".join(new for kind, new, old in pieces) == fixed
    assert applied == len(apply_once(sample.text, sample.findings)[1]) > 0
    assert all(kind != "text" or not old for kind, new, old in pieces)


def mark_coverage(text, tokens):
    """Replay the tokens: the text they carry, the spans open at each character, first pieces."""
    stack, cover, firsts, out = [], [], Counter(), []
    for token in tokens:
        if token[0] == "open":
            stack.append(token[1])
            firsts[token[1]] += token[2]
        elif token[0] == "close":
            stack.pop()
        else:
            out.append(token[1])
            cover.extend([frozenset(stack)] * len(token[1]))
    assert not stack
    return "".join(out), cover, firsts


@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=6))
def test_mark_tokens_split_overlapping_spans_without_losing_text(pairs):
    text = "abcdefghijkl"
    spans = [(min(a, b), max(a, b)) for a, b in pairs]
    tokens = mark_tokens(text, spans)
    joined, cover, firsts = mark_coverage(text, tokens)
    assert joined == text
    assert [firsts[i] for i in range(len(spans))] == [1] * len(spans)
    for pos in range(len(text)):
        assert cover[pos] == {i for i, (s, e) in enumerate(spans) if s <= pos < e}


def test_mark_tokens_nest_contained_spans_without_splitting():
    tokens = mark_tokens("the organization The State", [(0, 26), (17, 20)])
    assert [t[0] for t in tokens] == ["open", "text", "open", "text", "close", "text", "close"]
    assert all(t[2] for t in tokens if t[0] == "open")


@pytest.mark.parametrize("name", NEW_FORMATS)
def test_cli_writes_each_new_format(cli, tmp_path, name):
    out = tmp_path / f"report.{name}"
    result = cli(SEEDS, "--format", name, "-o", out)
    assert result.exit_code == 1  # the seed article has findings
    text = out.read_text(encoding="utf-8")
    count = {"sarif": lambda: len(json.loads(text)["runs"][0]["results"]),
             "junit": lambda: len(ET.fromstring(text).findall(".//failure")),
             "github": lambda: len(text.splitlines()),
             "html": lambda: len(findings_in(parse_html(text))),
             "statistics": lambda: sum(int(line.split()[0]) for line in text.splitlines()[1:-1])}[name]()
    assert count == sum(len(r.findings) for r in check_paths([str(SEEDS)])) > 0


# --- text: reference scores and fix impact -------------------------------------------------------

SCORES = {"reference": "refs/a.txt", "low_lines": [1],
          "bleu": {"score": 12.3, "signature": "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"},
          "chrf": {"score": 45.6, "signature": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"},
          "ter": {"score": 78.9, "signature": "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:2.6.0"}}


def with_segments(result, *segments):
    """The result with data["segment"] on its findings, as `check --reference` adds it."""
    findings = tuple(f if s is None else dataclasses.replace(f, data=dict(f.data, segment=s))
                     for f, s in zip(result.findings, [*segments, *[None] * len(result.findings)]))
    return dataclasses.replace(result, findings=findings)


def test_text_marks_findings_on_low_chrf_lines_and_prints_the_file_scores(sample):
    low = {"line": 1, "chrf": 23.4, "bleu": 5.0, "low": True}
    fine = {"line": 1, "chrf": 61.0, "bleu": 30.0, "low": False}
    scored = dataclasses.replace(with_segments(sample, low, fine), extra={"scores": SCORES})
    lines = render("text", [scored, check_text(SAMPLE, "news/other.txt")]).splitlines()
    first, second = sample.findings[:2]
    hint = lambda f: f" -> {f.suggestions[0]}" if f.suggestions and f.suggestions[0] else ""  # noqa: E731
    assert lines[0] == f"news/sample.txt:{first.line}:{first.column}: {first.code} {first.message}{hint(first)} [low chrF 23.4]"
    assert lines[1] == f"news/sample.txt:{second.line}:{second.column}: {second.code} {second.message}{hint(second)}"
    n = len(sample.findings)
    assert lines[n] == "  scores vs refs/a.txt: BLEU 12.3  chrF 45.6  TER 78.9"  # right after its findings
    assert lines[n + 1] == ""  # then the next file's block
    assert sum("scores vs" in line for line in lines) == 1 and sum("low chrF" in line for line in lines) == 1


def test_text_low_chrf_tag_is_painted_with_color(sample):
    scored = with_segments(sample, {"line": 1, "chrf": 7.0, "bleu": 0.0, "low": True})
    first = render("text", [scored], RenderOptions(color=True)).splitlines()[0]
    assert first.endswith("\x1b[33m [low chrF 7.0]\x1b[0m")


def test_text_prints_the_fix_impact_with_and_without_a_reference(sample):
    change = {"change": {"chrf": 97.14, "ter": 2.9}}
    alone = dataclasses.replace(sample, extra={"fixed": {"count": 3, "passes": 1, "by_rule": {"TQ201": 3}, "impact": change}})
    out = render("text", [alone]).splitlines()
    assert out[len(sample.findings)] == "  fixed 3 finding(s); chrF vs original 97.1, TER 2.9"

    versus = dict(change, before={"bleu": 10.0, "chrf": 40.1, "ter": 80.0}, after={"bleu": 11.0, "chrf": 42.3, "ter": 75.0},
                  delta={"bleu": 1.0, "chrf": 2.2, "ter": -5.0})
    both = dataclasses.replace(sample, extra={"scores": SCORES, "fixed": {"count": 1, "passes": 1, "by_rule": {}, "impact": versus}})
    out = render("text", [both]).splitlines()
    n = len(sample.findings)
    assert out[n : n + 2] == ["  scores vs refs/a.txt: BLEU 12.3  chrF 45.6  TER 78.9",
                              "  fixed 1 finding(s); chrF vs original 97.1, TER 2.9, chrF vs reference 40.1 -> 42.3"]

    failed = dataclasses.replace(sample, extra={"fixed": {"count": 2, "passes": 1, "by_rule": {}, "impact_error": "empty input"}})
    assert "  fixed 2 finding(s); change not measured: empty input" in render("text", [failed]).splitlines()


def test_text_names_a_clean_file_before_its_scores_and_fixes(clean):
    done = dataclasses.replace(clean, extra={"scores": SCORES, "fixed": {"count": 2, "impact": {"change": {"chrf": 90.0, "ter": 5.0}}}})
    assert render("text", [done]).splitlines()[:3] == [
        "news/clean.txt: no findings",
        "  scores vs refs/a.txt: BLEU 12.3  chrF 45.6  TER 78.9",
        "  fixed 2 finding(s); chrF vs original 90.0, TER 5.0",
    ]
    assert render("text", [clean]) == "Checked 1 file: no findings\n"  # nothing extra without them


def test_text_scores_from_the_real_check_reference_pipeline(tmp_path):
    from tqcheck.reference import score_result as _score_against

    hyp = "The talks resumed in May Last May, and the parties or The components agreed.\n\nOfficials or The aides declined.\n"
    ref = tmp_path / "ref.txt"
    ref.write_text("Talks resumed last May, and the parties agreed.\n\nA spokesman would not comment.\n", encoding="utf-8")
    result = _score_against(check_text(hyp, "news/a.txt"), ref, 40.0)
    lines = render("text", [result]).splitlines()
    s = result.extra["scores"]
    assert f"  scores vs {ref}: BLEU {s['bleu']['score']:.1f}  chrF {s['chrf']['score']:.1f}  TER {s['ter']['score']:.1f}" in lines
    low = [f for f in result.findings if f.data["segment"]["low"]]
    assert low and [line for line in lines if "[low chrF" in line] == [
        line for line in lines if line.startswith(f"news/a.txt:{low[0].line}:")]
    assert all(line.endswith(f"[low chrF {f.data['segment']['chrf']:.1f}]") for line, f in
               zip([line for line in lines if "[low chrF" in line], low))


@pytest.fixture
def fresh_template_cache(tmp_path, monkeypatch):
    """An empty cache folder (not made yet) for jinja2's bytecode cache, and an environment built anew."""
    from tqcheck.reporters import html

    monkeypatch.setenv("TQCHECK_CACHE_DIR", str(tmp_path / "cache"))
    html.environment.cache_clear()
    yield tmp_path / "cache"
    html.environment.cache_clear()


def test_html_template_cache_is_written_then_used_with_the_same_page(seeds, fresh_template_cache):
    from tqcheck.reporters import html

    cold = render("html", seeds)
    (cached,) = fresh_template_cache.glob("tqcheck-jinja2-*.cache")
    html.environment.cache_clear()
    loads = []
    bcc = html.environment().bytecode_cache
    original = bcc.load_bytecode
    bcc.load_bytecode = lambda bucket: loads.append(original(bucket) or bucket.code is not None)
    warm = render("html", seeds)
    assert loads == [True]  # the compiled template came from the cache
    assert warm == cold


def test_html_report_is_written_when_its_template_cache_cannot_be(seeds, fresh_template_cache):
    blocker = fresh_template_cache
    blocker.write_text("a file where the cache folder would go")
    page = render("html", seeds)
    assert page == render("html", seeds) and "<html" in page
    assert blocker.read_text() == "a file where the cache folder would go"


def test_html_report_is_written_when_its_template_cache_is_full(seeds, fresh_template_cache, monkeypatch):
    import tempfile

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", disk_full)
    page = render("html", seeds)
    assert "<html" in page and not list(fresh_template_cache.glob("**/tqcheck-*.cache"))


def test_html_report_is_written_over_a_corrupt_template_cache(seeds, fresh_template_cache):
    from tqcheck.reporters import html

    page = render("html", seeds)
    (cached,) = fresh_template_cache.glob("tqcheck-*.cache")
    cached.write_bytes(cached.read_bytes()[:40])  # cut short, as by a full disk
    html.environment.cache_clear()
    assert render("html", seeds) == page

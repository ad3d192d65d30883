"""Structure (TQ7xx) and language (TQ8xx) checks: the near-duplicate detector, determinism,
lazy imports, rule data hygiene, and what the checks find in the seed article."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

from tqcheck.checks.duplicate import Duplicate
from tqcheck.document import Document
from tqcheck.engine import check_text
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

NAMES = ["leaked-caption", "tweet-attribution", "embed-link", "social-handle", "translated-twice",
         "foreign-script", "untranslated"]


@pytest.fixture(scope="module")
def checks():
    return {c.rule.code: c for c in (load_rule(DEFAULT_RULES_DIR / f"{n}.yml") for n in NAMES)}


# Two MT renderings of one Arabic sentence, as a scraped page carries them (an embedded post,
# then the paragraph that quotes it).
FIRST = ("The minister's visit to Ankara opens a new chapter in the water talks between the neighbours and "
         "shows that the government wants to settle the dispute over the dams through negotiation")
SECOND = ("\"The minister's visit to Ankara is the opening of a new chapter in the water talks between the "
          "neighbours, and it shows the government wants to resolve the dams dispute through negotiations,\" "
          "the analyst wrote on his page.")


def test_a_quote_translated_twice_is_reported_at_the_second_copy(checks):
    text = f"Talks resumed.\n\n{FIRST}\n\nThe visit lasted two days.\n\n{SECOND}\n"
    (finding,) = checks["TQ710"].run(Document(text))
    assert finding.match == SECOND
    assert text[finding.start : finding.end] == finding.match
    assert finding.data["earlier_line"] == 3
    assert finding.data["earlier"] == FIRST
    assert text[finding.data["earlier_start"] : finding.data["earlier_end"]] == FIRST
    assert finding.data["chrf"] >= 56
    assert "line 3" in finding.message
    assert finding.fix is None


def test_sentences_sharing_names_and_numbers_are_not_duplicates(checks):
    text = (
        "Prime Minister Tariq Haddad met Finance Minister Leila Nasser in Amman on 12 March to discuss the 2023 budget.\n\n"
        "On 12 March in Amman, Tariq Haddad and Leila Nasser opened a hospital built with a grant of 2023 million dinars.\n\n"
        "Tariq Haddad told Leila Nasser in Amman that the 2023 census would start on 12 March."
    )
    assert list(checks["TQ710"].run(Document(text))) == []


def test_sentences_citing_one_post_are_not_duplicates_but_copies_with_links_are(checks):
    """A link, handle or hashtag is what a sentence cites, not its wording: two different
    sentences with the same status URL, handle and tag share no translation."""
    link = "https://twitter.com/NewsDeskAgency/status/1598765432109876543 @NewsDeskAgency #WaterTalks"
    text = f"The ministry posted the video ({link}).\n\nRead it at {link}.\n"
    assert list(checks["TQ710"].run(Document(text))) == []
    text = f"Talks resumed.\n\n{FIRST} {link}\n\nThe visit lasted two days.\n\n{SECOND} {link}\n"
    (finding,) = checks["TQ710"].run(Document(text))
    assert finding.match == f"{SECOND} {link}"


def test_an_attribution_takes_the_date_line_under_it_and_nothing_else(checks):
    text = "Prices rose.\n— Omar Nasser (@OmarNasser)\n12 October 2020, 10:45 AM\nOfficials denied it.\n"
    (finding,) = checks["TQ702"].run(Document(text))
    assert finding.match == "— Omar Nasser (@OmarNasser)\n12 October 2020, 10:45 AM"
    assert finding.data["date"] == "12 October 2020"
    for after in ("12 October 2020 was the day the talks began.", "Officials denied it."):
        text = f"Prices rose.\n— Omar Nasser (@OmarNasser)\n{after}\n"
        (finding,) = checks["TQ702"].run(Document(text))
        assert finding.match == "— Omar Nasser (@OmarNasser)" and finding.data["date"] == ""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_attribution_lines_are_found_whatever_the_line_ends(checks, newline):
    dated = f"Prices rose.{newline}Omar Nasser (@OmarNasser) October 12, 2020{newline}Officials denied it.{newline}"
    two_lines = f"Prices rose.{newline}— Omar Nasser (@OmarNasser){newline}12 October 2020{newline}Officials denied it.{newline}"
    assert [f.match for f in checks["TQ702"].run(Document(dated))] == ["Omar Nasser (@OmarNasser) October 12, 2020"]
    assert [f.match for f in checks["TQ702"].run(Document(two_lines))] == [f"— Omar Nasser (@OmarNasser){newline}12 October 2020"]


def test_the_prefilter_keeps_chrf_off_unrelated_sentences(checks, monkeypatch):
    calls = []
    original = Duplicate.similarity

    def counting(a, b, *args):
        calls.append((a, b))
        return original(a, b, *args)

    monkeypatch.setattr(Duplicate, "similarity", staticmethod(counting))
    rng = random.Random(1)
    syllables = "ba ka ta ri mo su de la ni ro pe zu fa ho gi te vo na mi sa".split()
    vocab = sorted({"".join(rng.choice(syllables) for _ in range(3)) for _ in range(3000)})
    function = "the of and to in that for on with as by at from was said".split()
    sentences = []
    for _ in range(64):
        words = [rng.choice(function) if rng.random() < 0.4 else rng.choice(vocab) for _ in range(20)]
        sentences.append(" ".join(words).capitalize() + ".")
    text = "\n\n".join(sentences)
    list(checks["TQ710"].run(Document(text)))
    # 64 unrelated sentences: all-pairs would be 2,016 comparisons.
    assert len(calls) < 10
    # The counter sees the comparisons a near-duplicate does need.
    list(checks["TQ710"].run(Document(text + "\n\n" + sentences[5].replace(".", ", officials said."))))
    assert calls


def test_a_repeated_paragraph_is_one_finding(checks):
    para_a = ("Rescue teams pulled four survivors from the rubble of the collapsed building. "
              "The civil defence said the search would continue through the night.")
    para_b = ("Rescue teams pulled four survivors out of the rubble of the collapsed building. "
              "The civil defence said that the search would go on through the night.")
    text = f"{para_a}\n\nThe mayor visited the site.\n\n{para_b}"
    findings = list(checks["TQ710"].run(Document(text)))
    assert [(f.match, f.data["unit"]) for f in findings] == [(para_b, "paragraph")]


def _all_findings(checks, text):
    return [f.to_dict() for c in checks.values() for f in c.run(Document(text))]


def test_same_text_checked_twice_gives_identical_findings(checks):
    text = (SEEDS / "000_ea917293e2d5b792.txt").read_text(encoding="utf-8")
    text += ("\n\nLe gouvernement a décidé de reporter les élections municipales jusqu'à nouvel ordre.\n\n"
             "Hükümet yeni ekonomik önlemleri önümüzdeki hafta açıklayacak.\n\n"
             "وأكد الوزير أن الحكومة ستواصل الحوار مع جميع الأطراف السياسية\n")
    first = _all_findings(checks, text)
    second = _all_findings(checks, text)
    assert first == second
    assert {f["code"] for f in first} >= {"TQ701", "TQ702", "TQ704", "TQ710", "TQ801", "TQ802"}


def test_language_detection_is_the_same_in_a_fresh_process(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "The minister arrived.\n\nEl gobierno anunció nuevas medidas para reducir la inflación este año.\n\n"
        "Die Regierung hat am Montag eine neue Strategie für die Region vorgestellt.\n",
        encoding="utf-8",
    )
    cmd = [sys.executable, "-m", "tqcheck", str(article), "--select", "TQ802", "--format", "json"]
    runs = [subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 1, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    findings = json.loads(runs[0].stdout)["files"][0]["findings"]
    assert [f["data"]["language"] for f in findings] == ["es", "de"]
    assert all(f["data"]["probability"] >= 0.9 for f in findings)


def test_heavy_libraries_are_not_imported_by_the_cli_or_rule_loading():
    code = (
        "import sys, tqcheck.cli\n"
        "from pathlib import Path\n"
        "from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule\n"
        f"for n in {NAMES!r}: load_rule(DEFAULT_RULES_DIR / (n + '.yml'))\n"
        "print(sorted(m for m in ('langdetect', 'sacrebleu') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_seed_structure_artifacts_are_found_generically(checks):
    """The seed carries a caption, an embedded post (attribution line, two handles) and a quote
    translated twice; the rules hold none of its words, so this shows they generalise."""
    text = (SEEDS / "000_ea917293e2d5b792.txt").read_text(encoding="utf-8")
    result = check_text(text, checks=list(checks.values()))
    assert result.error is None
    got = sorted((f.code, f.line) for f in result.findings)
    assert got == [("TQ701", 23), ("TQ702", 41), ("TQ704", 39), ("TQ704", 39), ("TQ710", 43)]
    for f in result.findings:
        assert text[f.start : f.end] == f.match
    duplicate = next(f for f in result.findings if f.code == "TQ710")
    assert duplicate.data["earlier_line"] == 39
    caption = next(f for f in result.findings if f.code == "TQ701")
    assert caption.fix is not None and caption.fix.applicability.value == "unsafe"
    attribution = next(f for f in result.findings if f.code == "TQ702")
    assert attribution.match == text.split("\n")[40]
    assert attribution.fix is not None and attribution.fix.applicability.value == "unsafe"


@pytest.mark.parametrize("name", ["photo-credits.tsv", "function-words/en.tsv"])
def test_rule_data_lists_are_sorted_and_unique(name):
    rows = [
        line.split("\t")
        for line in (DEFAULT_RULES_DIR / "data" / name).read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert all(len(r) == 2 and r[0].strip() == r[0] and r[1].strip() for r in rows)
    keys = [r[0].casefold() for r in rows]
    assert keys == sorted(keys), f"{name} is not sorted"
    assert len(keys) == len(set(keys)), f"{name} has duplicates"

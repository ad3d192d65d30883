"""``substitution``: swap lists (inline ``swap`` and/or a sorted TSV ``swap_file``).

Regular-expression keys are compiled into one alternation, so a document is scanned once per
rule whatever the size of the list; literal lists (``regex: false``) are looked up word by word
in a table (``phrases.PhraseTable``), longest phrase first. Keys are regular expressions (as in
Vale) unless the rule says ``regex: false``; replacements may use ``$1``/``\\1`` and may offer
alternatives separated by ``|`` (several candidates make the fix display-only).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from ..document import Document
from ..model import Applicability, Edit, Finding, Fix
from .phrases import PhraseTable, is_plain
from .base import REGEX_TIMEOUT, Check, Param, RuleDataError, bounded, compile_regex, match_case
from .literals import LiteralGate

_DOLLAR_GROUP = regex.compile(r"\$(\d+)")


def _normal(text: str) -> str:
    return " ".join(text.split())


def _ends_with_words(text: str, words: str) -> bool:
    """Whether ``text`` ends with ``words`` as whole words ("the league of arab states" ends
    with "arab states", "the statesmen" does not end with "states")."""
    return text.endswith(words) and (len(text) == len(words) or not words or not text[-len(words) - 1].isalnum())


def _longer_names(keys: list[str], rows) -> dict[str, list[tuple[str, int]]]:
    """For each key (casefolded), the listed names and aliases that hold it as whole words,
    casefolded, with the offset of the key in each. Only runs of a name's words that start
    with a key's first word are looked up among the keys (a start-up cost, not a search of
    every name for every key)."""
    wanted = {" ".join(k.casefold().split()) for k in keys}
    firsts = {k.split(" ")[0] for k in wanted}
    longest = max((k.count(" ") + 1 for k in wanted), default=0)
    out: dict[str, list[tuple[str, int]]] = {}
    for name, aliases, _type, _line in rows:
        for form in {" ".join(f.casefold().split()) for f in (name, *aliases.split("|"))}:
            words = form.split(" ")
            for i in [i for i, w in enumerate(words) if w in firsts]:
                for j in range(i + 1, min(len(words), i + longest) + 1):
                    run = " ".join(words[i:j])
                    if run in wanted and run != form:
                        out.setdefault(run, []).append((form, len(" ".join(words[:i])) + (i > 0)))
    return out


def _folded_words_joined(doc: Document) -> str:
    return " " + " ".join(doc.folded_words) + " "


class Substitution(Check):
    kind = "substitution"
    keys = {
        "swap": Param("str_map", {}, help="pattern: replacement"),
        "swap_file": Param("tsv", None, help="TSV file of pattern<TAB>replacement, relative to the rule"),
        "regex": Param("bool", True, help="false: keys are literal text"),
        "applicability": Param("str", "safe", choices=("safe", "unsafe", "display")),
        "names_file": Param("tsv", None, columns=3, help="TSV of names (name<TAB>aliases<TAB>type): a key inside one of them is no match"),
    }

    def compile(self, options: dict) -> None:
        entries = [(k, v, ("swap", k)) for k, v in options["swap"].items()]
        entries += [(k, v, ("swap_file",)) for k, v, _ in options["swap_file"] or ()]
        if not entries:
            raise RuleDataError("a substitution rule needs 'swap' or 'swap_file'")
        self.is_regex = options["regex"]
        self.applicability = Applicability(options["applicability"])
        flags = self.rule.ignorecase
        self.exceptions = [compile_regex(e, ("exceptions", i), flags) for i, e in enumerate(self.rule.exceptions)]
        self.pattern = None
        self.gate = None
        self.phrases = None
        # Built on the first match (most documents have none): it takes milliseconds.
        self.longer_names: dict[str, list[tuple[str, int]]] | None = None
        self.names_rows = (options["names_file"] or (), [k for k, _, _ in entries])
        if self.is_regex:
            self.entries = []
            for key, value, where in entries:
                pattern = compile_regex(bounded(key, self.rule.nonword), where, flags)
                self.entries.append((pattern, _DOLLAR_GROUP.sub(r"\\\1", value)))
            alternation = "|".join(f"(?:{key})" for key, _, _ in entries)
            self.pattern = compile_regex(bounded(alternation, self.rule.nonword), ("swap",), flags)
            self.gate = LiteralGate.for_pattern(self.pattern)
            return
        # Literal lists: plain phrases are looked up word by word; only odd ones need a pattern.
        self.table = {self._key(k): v for k, v, _ in entries}
        plain = [(k, v) for k, v, _ in entries if is_plain(k) and not self.rule.nonword]
        self.phrases = PhraseTable(plain, self.rule.ignorecase)
        # Each phrase casefolded, with its words, under its longest word: the table finds a phrase
        # only where its words follow one another in the document, all of them words of the document.
        self.by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for key in self.phrases.table:
            words = key.casefold().split(" ")
            self.by_word.setdefault(max(words, key=len), []).append((key.casefold(), frozenset(words)))
        self.gate_words = frozenset(self.by_word)
        odd = sorted({k for k, _, _ in entries} - {k for k, _ in plain}, key=lambda k: (-len(k), k))
        if odd:
            alternation = "|".join(r"\s+".join(map(regex.escape, k.split())) for k in odd)
            self.pattern = compile_regex(bounded(alternation, self.rule.nonword), ("swap",), flags)
            self.gate = LiteralGate.for_pattern(self.pattern)

    def _key(self, text: str) -> str:
        text = _normal(text)
        return text.casefold() if self.rule.ignorecase else text

    def _replacement(self, doc: Document, m: regex.Match) -> str:
        for pattern, template in self.entries:
            km = pattern.match(doc.text, m.start(), timeout=REGEX_TIMEOUT)
            if km and km.end() == m.end():
                return km.expand(template)
        return ""  # unreachable: the alternation matched one of the entries

    def _matches(self, doc: Document) -> list[tuple[int, int, str]]:
        """(start, end, replacement template) of every listed key in the text, in order."""
        found = []
        if self.phrases is not None and self._phrases_may_match(doc):
            found.extend(self.phrases.find(doc))
        if self.pattern is not None and (self.gate is None or self.gate.may_match(doc)):
            for m in self.pattern.finditer(doc.text, timeout=REGEX_TIMEOUT):
                value = self._replacement(doc, m) if self.is_regex else self.table[self._key(m.group())]
                found.append((m.start(), m.end(), value))
        return sorted(found, key=lambda f: (f[0], -f[1]))

    def _in_longer_name(self, text: str, start: int, matched: str) -> bool:
        """Whether the key ``matched`` at ``start`` is part of a longer listed name ("Food and
        Agriculture Organization of the United Nations" holds a calque of "United Nations")."""
        if self.longer_names is None:
            rows, keys = self.names_rows
            self.longer_names = _longer_names(keys, rows) if rows else {}
        for name, offset in self.longer_names.get(_normal(matched).casefold(), ()):
            before, after = name[:offset], name[offset:]  # any white space may part the words
            window = 2 * len(name)
            head = _normal(text[max(0, start - window) : start]).casefold()
            tail = _normal(text[start : start + window]).casefold()
            if _ends_with_words(head, before.rstrip()) and _ends_with_words(tail[: len(after) + 1][::-1], after[::-1]):
                return True
        return False

    def _phrases_may_match(self, doc: Document) -> bool:
        """False when no listed phrase is in the document, told by cheap set and string tests."""
        words = doc.folded_word_set
        candidates = [
            phrase for word in words & self.gate_words for phrase, phrase_words in self.by_word[word] if phrase_words <= words
        ]
        if not candidates:
            return False
        joined = doc.memo("folded words joined", _folded_words_joined)
        return any(f" {phrase} " in joined for phrase in candidates)

    def run(self, doc: Document) -> Iterator[Finding]:
        taken = 0
        for start, end, value in self._matches(doc):
            matched = doc.text[start:end]
            if start < taken or not matched or any(e.fullmatch(matched, timeout=REGEX_TIMEOUT) for e in self.exceptions):
                continue
            if self._in_longer_name(doc.text, start, matched):
                continue
            candidates = [match_case(matched, c.strip()) for c in value.split("|")]
            candidates = [c for c in dict.fromkeys(candidates) if c != matched]
            if not candidates:
                continue
            taken = end
            applicability = self.applicability if len(candidates) == 1 else Applicability.DISPLAY
            fix = Fix(f"Replace with '{candidates[0]}'", (Edit(start, end, candidates[0]),), applicability)
            yield self.finding(doc, start, end, candidates, fix)

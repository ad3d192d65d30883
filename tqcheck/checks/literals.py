"""Text that every match of a rule's pattern must contain: a prefilter for the whole document.

A rule pattern run over an article tries its alternatives at every character; most articles
hold none of the words a rule looks for, and ``str`` containment tests tell so in microseconds.
The strings are read from the compiled pattern by a deliberately small parser: plain characters,
escaped punctuation, groups, alternation, classes, quantifiers and lookarounds. On anything else
(flags, backreferences, \\p{..}, fuzzy matching...) it gives up, and the rule runs as before.
"""

from __future__ import annotations

import re

import regex

from ..document import Document

# Flags the parser knows; regex sets UNICODE and VERSION0 on every str pattern by default.
_KNOWN_FLAGS = regex.UNICODE | regex.VERSION0 | regex.IGNORECASE
_REPEAT = re.compile(r"\{(?:(\d+)(?:,\d*)?|,\d+)\}")
_PLAIN_RUN = re.compile(r"[^\\()\[\]{}|.^$*+?]+")  # characters that stand for themselves
_QUANTIFIER_STARTS = ("?", "*", "+", "{")
# Each string costs a scan of the text (about a microsecond per 5 KB): past this many, the
# prefilter would cost more than the pattern it saves.
_MOST_STRINGS = 24


class _Unknown(Exception):
    """Syntax the parser does not know: no prefilter."""


class _Parser:
    """Recursive descent over a pattern. Each sequence gives one set of strings one of which
    every match of it contains (its most selective literal run or group), or None."""

    def __init__(self, pattern: str, ascii_only: bool) -> None:
        self.pattern = pattern
        self.i = 0
        # Case-insensitive: only ASCII characters count, whose case variants casefold alike.
        self.ascii_only = ascii_only

    def peek(self) -> str:
        return self.pattern[self.i : self.i + 1]

    def alternation(self) -> frozenset[str] | None:
        options = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            options.append(self.sequence())
        if any(o is None for o in options):
            return None
        return frozenset().union(*options)

    def sequence(self) -> frozenset[str] | None:
        found: list[frozenset[str]] = []
        run = ""
        while self.peek() not in ("", "|", ")"):
            plain = _PLAIN_RUN.match(self.pattern, self.i)
            if plain and (plain.group().isascii() or not self.ascii_only):
                # Read plain characters at once, but for the last when a quantifier follows it.
                end = plain.end() - (self.pattern[plain.end() : plain.end() + 1] in _QUANTIFIER_STARTS)
                if end > self.i:
                    run += self.pattern[self.i : end]
                    self.i = end
                    continue
            char, group = self.atom()
            least, quantified = self.quantifier()
            if char and not quantified:
                run += char
                continue
            if run:
                found.append(frozenset({run}))
            run = ""
            if group and least >= 1:
                found.append(group)
        if run:
            found.append(frozenset({run}))
        return max(found, key=lambda strings: min(map(len, strings)), default=None)

    def atom(self) -> tuple[str, frozenset[str] | None]:
        """(the literal character, "" if none; what a group requires)."""
        c = self.peek()
        self.i += 1
        if c == "(":
            return "", self.group()
        if c == "[":
            self.skip_class()
            return "", None
        if c == "\\":
            escaped = self.peek()
            self.i += 1
            if escaped and escaped in "dDwWsSbB":
                return "", None
            if not escaped or escaped.isalnum() or not escaped.isascii():
                raise _Unknown
            return self.literal(escaped), None
        if c in ".^$":
            return "", None
        if c in "*+?{}]":
            raise _Unknown
        return self.literal(c), None

    def literal(self, c: str) -> str:
        return "" if self.ascii_only and not c.isascii() else c

    def group(self) -> frozenset[str] | None:
        lookaround = False
        if self.peek() == "?":
            for prefix in ("?:", "?=", "?!", "?<=", "?<!"):
                if self.pattern.startswith(prefix, self.i):
                    self.i += len(prefix)
                    lookaround = prefix != "?:"  # zero width: what it holds is not in the match
                    break
            else:
                raise _Unknown
        inner = self.alternation()
        if self.peek() != ")":
            raise _Unknown
        self.i += 1
        return None if lookaround else inner

    def skip_class(self) -> None:
        j = self.i
        if self.pattern[j : j + 1] == "^":
            j += 1
        if self.pattern[j : j + 1] == "]":
            j += 1
        while j < len(self.pattern):
            c = self.pattern[j]
            if c == "\\":
                j += 2
            elif c == "[":
                raise _Unknown  # a nested set or a POSIX class
            elif c == "]":
                self.i = j + 1
                return
            else:
                j += 1
        raise _Unknown

    def quantifier(self) -> tuple[int, bool]:
        """(the fewest repeats, whether there is a quantifier)."""
        c = self.peek()
        if c in ("?", "*", "+"):
            self.i += 1
            least = 1 if c == "+" else 0
        elif c == "{":
            m = _REPEAT.match(self.pattern, self.i)
            if not m:
                raise _Unknown  # regex's fuzzy matching, or a brace we do not read
            self.i = m.end()
            least = int(m.group(1) or 0)
        else:
            return 1, False
        if self.peek() in ("?", "+"):
            self.i += 1  # lazy or possessive
        return least, True


def required_strings(pattern: str, ignorecase: bool = False) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (casefolded when
    ``ignorecase``), or None when the parser does not know the syntax or no string is required."""
    parser = _Parser(pattern, ascii_only=ignorecase)
    try:
        strings = parser.alternation()
    except (_Unknown, RecursionError):
        return None
    if parser.i != len(pattern) or not strings:
        return None  # an unbalanced ")"
    return frozenset(s.casefold() for s in strings) if ignorecase else strings


def _folded_text(doc: Document) -> str:
    """The text casefolded, with the two letters that ``regex`` matches with an ASCII i
    case-insensitively but that casefold differently (ı, and İ to "i" + a combining dot) made i."""
    text = doc.text
    if text.isascii():
        return text.lower()  # the same as casefold() for ASCII, and several times faster
    return text.casefold().replace("ı", "i").replace("\u0307", "")


# The characters outside ASCII whose folding (_folded_text) holds an ASCII character or nothing
# at all (ß -> ss, the Kelvin sign -> k, a lone combining dot -> "").
_FOLDS_TO_ASCII = frozenset(
    "\xdf\u0130\u0131\u0149\u017f\u01f0\u0307\u1e96\u1e97\u1e98\u1e99\u1e9a\u1e9e\u212a"
    "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
)


def _folded_haystack(doc: Document) -> str | bytes:
    """Where case-insensitive ASCII strings are looked for: the folded text, or, for a text
    without _FOLDS_TO_ASCII, its UTF-8 bytes lowered (five times faster to make). Every other
    character outside ASCII folds to characters outside ASCII and encodes to bytes above 127, so
    both hold the same runs of ASCII characters, and an ASCII string lies in such a run."""
    text = doc.text
    if text.isascii() or not doc.non_ascii_chars.isdisjoint(_FOLDS_TO_ASCII):
        return _folded_text(doc)
    return text.encode("utf-8", "surrogatepass").lower()


class LiteralGate:
    """Tells when a compiled pattern cannot match a document: none of its required strings is
    in the text."""

    def __init__(self, strings: frozenset[str], ignorecase: bool) -> None:
        # A string that holds another listed one adds nothing: the shorter is found first.
        self.strings = tuple(sorted(s for s in strings if not any(t != s and t in s for t in strings)))
        self.ignorecase = ignorecase
        # Case-insensitive strings are ASCII (required_strings keeps no other), as _folded_haystack needs.
        self.encoded = tuple(s.encode("ascii") for s in self.strings) if ignorecase else ()

    @classmethod
    def for_pattern(cls, pattern: regex.Pattern) -> LiteralGate | None:
        if pattern.flags & ~_KNOWN_FLAGS:
            return None
        ignorecase = bool(pattern.flags & regex.IGNORECASE)
        strings = required_strings(pattern.pattern, ignorecase)
        return cls(strings, ignorecase) if strings and len(strings) <= _MOST_STRINGS else None

    def may_match(self, doc: Document) -> bool:
        if not self.ignorecase:
            haystack, strings = doc.text, self.strings
        else:
            haystack = doc.memo("literals.folded_haystack", _folded_haystack)
            strings = self.encoded if isinstance(haystack, bytes) else self.strings
        return any(s in haystack for s in strings)

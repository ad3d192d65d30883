"""``variants``: one name spelled two ways in one article, discovered without a list.

How a variant is decided:

1. Collect capitalised words (``tqcheck.names.name_tokens``): article prefixes (Al-, El-, ad-)
   and possessive endings are split off; a word seen only at sentence starts is not a name
   unless its key is also the key of a word capitalised mid-sentence or another capitalised
   word follows it. An Abd word and the name after it are one name ("Abd al-Hadi").
2. Group them by ``translit_key``, which folds diacritics, doubled letters, vowel digraphs,
   final -y/-i and romanisation pairs (dh/z, kh/k, q/k ...). Different spellings with one key
   are variants.
3. Keys one vowel or one final -e apart (Samir / Samer, Yassine / Yassin) are different names
   unless the article gives evidence that they are one person: the same neighbouring name ("Hassan Nasrallah" / "Hassan
   Nasrullah"). Keys further apart are never merged (Hassan / Hussein, Ali / Allawi).
4. A name written with and without its article right after the same name ("Abu Hamdan" /
   "Abu al-Hamdan") is one name spelled two ways, the article being part of the spelling.
5. The majority spelling wins; a tie goes to the form listed as preferred in ``names_file``,
   then to the form used first. Every occurrence of a minority spelling is reported; the fix is
   not safe, because a majority can be wrong.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, compress
from operator import itemgetter

from ..document import Document
from ..model import Finding
from ..names import VOWELS, NameToken, fold, ghain_forms, name_tokens, one_letter_apart, translit_key
from .base import Check, Param


# Letters that romanisations put for one another: vowels, with y (Rima / Ryma), and g and k
# for qaf as spoken in Sudan and the Gulf (Tawfiq / Tawfig; not first: Gamal and Kamal are two
# names). Keys one such letter apart may be one name, when a neighbouring name says so
# (Variants._merged_keys).
_SWAPPED_VOWELS, _SWAPPED_QAF = "aeiouyw", "gk"  # w: the French ou before a vowel (Ouahed / Wahed)
# A token's key and text, read by index: map() calls these in C, unlike a lambda.
_KEY, _TEXT = itemgetter(NameToken._fields.index("key")), itemgetter(NameToken._fields.index("text"))


def _one_letter_pairs(keys: list[str], letters: str) -> list[tuple[str, str]]:
    """The pairs of keys that differ in one position, by two of ``letters``, in the order of
    ``keys``. Only keys of the same shape with those letters blanked can be, so only those are
    compared; the shapes are made in one call on all keys in UTF-8 (a key holds no line break,
    and no other character holds an ASCII byte), and most articles have no two alike."""
    blank = bytes.maketrans(letters.encode(), b"_" * len(letters))
    shapes = "\n".join(keys).encode("utf-8", "surrogatepass").translate(blank).split(b"\n")
    if len(set(shapes)) == len(keys):
        return []
    by_shape: dict[bytes, list[str]] = defaultdict(list)
    for shape, k in zip(shapes, keys):
        by_shape[shape].append(k)
    return [
        (a, b)
        for bucket in by_shape.values()
        if len(bucket) > 1
        for i, a in enumerate(bucket)
        for b in bucket[i + 1 :]
        if one_letter_apart(a, b, letters)
    ]


def _ghain_keys(keys: Iterable[str]) -> list[str]:
    """The keys that hold a gh (see tqcheck.names.ghain_forms)."""
    return [k for k in keys if "ğ" in k]


def _ghain_pairs(keys: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs of keys that differ only by a gh written g or q (Ghafour / Gafur, Ghalibaf /
    Qalibaf): one name, as surely as spellings of one key."""
    keys = list(keys)
    known = set(keys)
    return [(k, form) for k in _ghain_keys(keys) for form in ghain_forms(k) if form in known]


def _near_pairs(keys: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs of keys that neighbour evidence may merge: one swapped letter apart (Samir /
    Samer, Tawfiq / Tawfig), one with a final -e after a consonant that the other drops (Nadine /
    Nadin), and one with a vowel between two consonants that the other drops (Fahed / Fahd)."""
    keys = list(keys)
    known = set(keys)
    pairs = _one_letter_pairs(keys, _SWAPPED_VOWELS)
    pairs += [(a, b) for a, b in _one_letter_pairs(keys, _SWAPPED_QAF) if a[0] == b[0]]
    pairs += [(k, k[:-1]) for k in keys if len(k) > 2 and k[-1] == "e" and k[-2] not in VOWELS and k[:-1] in known]
    for k in keys:
        for i in range(1, len(k) - 1):
            if k[i] in VOWELS and k[i - 1] not in VOWELS and k[i + 1] not in VOWELS and k[:i] + k[i + 1 :] in known:
                pairs.append((k, k[:i] + k[i + 1 :]))
    return pairs


# Abd and its connective written as a word of their own: Abd, Abdel, Abdul, Abdal, Abdol.
_ABD_WORD = re.compile(r"abd(?:[aeiou]l)?")
# What joins Abd to the rest of the name: a hyphen (the rest is then no token of its own), or a
# space and maybe an article.
_ABD_HYPHENATED = re.compile(r"-\w+")


# The "ad-Din" ending as a word of its own after a name: Eldin, Eddine, Uddin, Aldin, Din.
_DIN_WORD = re.compile(r"(?:[aeiu]l?)?dine?")


def _join_din_endings(text: str, tokens: list[NameToken]) -> list[NameToken]:
    """``tokens`` with a name and the "ad-Din" word after it made one token ("Sharaf Eldin",
    keyed as "Sharafeddin" is: see tqcheck.names._DIN_ENDING)."""
    if "din" not in text.casefold():
        return tokens
    out: list[NameToken] = []
    for t in tokens:
        if out and _DIN_WORD.fullmatch(t.key) and not t.article and text[out[-1].end : t.start] in (" ", "-"):
            first = out.pop()
            joined = text[first.start : t.end]
            t = first._replace(end=t.end, text=joined, key=translit_key(joined))
        out.append(t)
    return out


def _join_compounds(text: str, tokens: list[NameToken]) -> list[NameToken]:
    """``tokens`` with each Abd word and the name after it made one token ("Abd al-Hadi",
    "Abdel Aziz", "Abdul-Hadi"), keyed as the one-word spelling (Abdelhadi) is."""
    if "Abd" not in text or not any(_ABD_WORD.fullmatch(t.key) for t in tokens):
        return tokens
    out: list[NameToken] = []
    skip = False
    for t, after in zip(tokens, [*tokens[1:], None]):
        if skip:
            skip = False
            continue
        if _ABD_WORD.fullmatch(t.key):
            end = None
            if after is not None and after.start - t.end == 1 + len(after.article) and text[t.end] == " ":
                end, skip = after.end, True
            elif (hyphenated := _ABD_HYPHENATED.match(text, t.end)) and text[t.end + 1].isupper():
                end = hyphenated.end()
            if end is not None:
                joined = text[t.start : end]
                t = t._replace(end=end, text=joined, key=translit_key(joined))
        out.append(t)
    return out


# Lowercase words that join the parts of one person's name: "bin", "ibn" (son of), "bint"
# (daughter of), "ould" (Mauritania).
_CONNECTIVES = frozenset({"bin", "ibn", "bint", "ould", "wuld"})


def _in_one_name(text: str, a: NameToken, b: NameToken) -> bool:
    """Whether the name token ``b`` continues the name that ``a`` is part of: one or two
    spaces between them (and an article before ``b``), or a connective; not a comma or a
    semicolon ("Khaled Hamid; Hamad said")."""
    between = text[a.end : b.start - len(b.article)]
    if 0 < len(between) <= 2:
        return between.isspace()
    return len(between) <= 6 and between.strip().casefold() in _CONNECTIVES


def _one_person(a: set[str], b: set[str]) -> bool:
    """Whether two spellings one vowel apart, with these neighbours (see Variants._neighbours),
    name one person: they share the name after them ("Samir Geagea" / "Samer Geagea"), or the
    name before them while no two different names follow them ("Hassan Nasrallah" / "Hassan
    Nasrullah"). Two different surnames after a shared word ("Minister Omar Barakat" /
    "Minister Omer Celik") are two people, whatever title stands before them."""
    after_a, after_b = {n for n in a if n[0] == "<"}, {n for n in b if n[0] == "<"}
    if after_a & after_b:
        return True
    return bool(a & b) and not (after_a and after_b)


def _two_people(text: str, tokens: list[NameToken], cluster: list[NameToken], root: dict[str, str]) -> bool:
    """Whether each spelling of a cluster is always followed by other names of a full name,
    and never by one that follows another spelling: "Mohamed Kamel" and "Mohammed Al-Shamsi"
    are two players, where "Mohammed al-Halbousi" and "Mohamed al-Halbousi" (or "Mohamed
    said") are one name spelled two ways. ``root`` maps the keys merged as one name to one key."""
    later: dict[int, set[str]] = {}  # token start -> keys of the names after it in its name
    run: list[NameToken] = []
    for a, b in zip([None, *tokens], tokens):
        if a is None or not _in_one_name(text, a, b):
            run = []
        for earlier in run:
            later.setdefault(earlier.start, set()).add(root.get(b.key, b.key))
        run.append(b)
    followers: dict[str, set[str]] = defaultdict(set)
    for t in cluster:
        if t.start not in later:
            return False
        followers[t.text] |= later[t.start]
    sets = list(followers.values())
    return all(a.isdisjoint(b) for i, a in enumerate(sets) for b in sets[i + 1 :])


_OPENING_QUOTES, _CLOSING_QUOTES = "\"“‘'«", "\"”’'»"


def _quoted_alone(text: str, token: NameToken) -> bool:
    """Whether the name stands alone in quotation marks ('spelt "Kemal" in the register',
    '“Rashid,”'): a spelling shown as such, which an article may give beside the one it uses."""
    start = token.start - len(token.article)
    if start == 0 or text[start - 1] not in _OPENING_QUOTES:
        return False
    end = token.end + (text[token.end : token.end + 1] in (",", "."))  # “Rashid,”
    closing = text[end : end + 1]
    possessive = text[end : end + 2] in ("'s", "’s", "'S", "’S")  # "Hadadi's plan": no closing quote
    return closing != "" and closing in _CLOSING_QUOTES and not possessive


def _with_lf_line_ends(doc: Document) -> tuple[Document, list[int]]:
    """``doc`` with its CRLF line ends made LF, and the offsets in it that follow each of them.
    Names are judged by the characters between them (one, for a name followed by another), so
    a text with CRLF line ends is judged as the same text with LF ones."""
    if "\r\n" not in doc.text:
        return doc, []
    lines = doc.text.split("\r\n")
    return Document("\n".join(lines), doc.path), list(accumulate(len(line) + 1 for line in lines[:-1]))


def _source_offset(breaks: list[int], offset: int) -> int:
    """The offset in the text with CRLF line ends of ``offset`` in the one with LF ends."""
    return offset + bisect_right(breaks, offset)


class Variants(Check):
    kind = "variants"
    keys = {
        "min_length": Param("int", 4, help="shortest name (in letters) compared"),
        "names_file": Param("tsv", None, help="TSV of preferred<TAB>variants (| separated) used to break ties"),
        "vowel_evidence": Param("bool", True, help="merge one-vowel differences when a neighbouring name matches"),
        "titles": Param("str_list", [], help="words of titles and offices, which are no evidence of one person"),
    }

    def compile(self, options: dict) -> None:
        self.min_length = options["min_length"]
        self.vowel_evidence = options["vowel_evidence"]
        self.titles = frozenset(map(translit_key, options["titles"]))
        self.preferred = set()
        for preferred, _variants, _line in options["names_file"] or ():
            self.preferred.add(fold(preferred))

    def run(self, doc: Document) -> Iterator[Finding]:
        view, breaks = _with_lf_line_ends(doc)
        tokens = _join_din_endings(view.text, _join_compounds(view.text, name_tokens(view)))
        names = self._names(tokens, self._may_vary(tokens))
        clusters = self._clusters(view.text, names, tokens)
        if clusters:  # the names after a spelling are compared as merged ("Farole" / "Faroli")
            root = self._merged_keys(view.text, names, tokens)
            clusters = [c for c in clusters if not _two_people(view.text, tokens, c, root)]
        for cluster in [*clusters, *self._article_clusters(tokens)]:
            cluster = [t for t in cluster if not _quoted_alone(view.text, t)]
            if len({t.text for t in cluster}) < 2:
                continue
            if breaks:
                cluster = [t._replace(start=_source_offset(breaks, t.start), end=_source_offset(breaks, t.end)) for t in cluster]
            yield from self._report(doc, cluster)

    def _article_clusters(self, tokens: list[NameToken]) -> list[list[NameToken]]:
        """One name written with and without its article (or with two articles) right after the
        same name: "Raed Abu al-Saud" / "Raed Abu Saud". Each token is given its article as part
        of its spelling. A name alone ("al-Assad" then "Assad said") is not compared: news style
        drops the article on a second reference."""
        if not any(t.article for t in tokens):
            return []
        after_name: dict[tuple[str, str], list[NameToken]] = defaultdict(list)
        for before, t in zip(tokens, tokens[1:]):
            if t.start - before.end == 1 + len(t.article) and not before.sentence_initial and len(t.key) >= self.min_length:
                after_name[before.key, t.text].append(t)
        return [
            [t._replace(start=t.start - len(t.article), text=t.article + t.text) for t in group]
            for group in after_name.values()
            if len({t.article[:-1].casefold() for t in group}) > 1
        ]

    def _may_vary(self, tokens: list[NameToken]) -> Sequence[int]:
        """Indexes of the tokens that may end in a cluster spelled more than one way. Unless
        two keys long enough to compare may be merged (_near_pairs, _ghain_pairs), those are
        the tokens of such keys spelled two ways: most articles spell every name one way.
        (A key is translit_key of the text, so there are as many spellings as texts.)"""
        keys = list(map(_KEY, tokens))
        distinct = dict.fromkeys(keys)
        long_enough = [k for k in distinct if len(k) >= self.min_length]
        if self.vowel_evidence and _near_pairs(long_enough) or _ghain_pairs(long_enough):
            return range(len(tokens))
        texts = set(map(_TEXT, tokens))
        if len(texts) == len(distinct):
            return []
        varied = {k for k, n in Counter(map(translit_key, texts)).items() if n > 1}.intersection(long_enough)
        return list(compress(range(len(tokens)), map(varied.__contains__, keys)))

    def _names(self, tokens: list[NameToken], indexes: Sequence[int]) -> list[NameToken]:
        """The tokens at ``indexes`` taken as names. A word seen only at sentence starts is a
        name if it spells the key of one seen mid-sentence (or, for a gh, one of its forms:
        "Gafur said" after "Minister Ghafour"), or if a capitalised word follows it ("Samer
        Geagea said", "Fahd al-Sayed said"). ``indexes`` holds every token of each key it holds."""
        picked = [tokens[i] for i in indexes]
        name_keys = {t.key for t in picked if not t.sentence_initial}
        name_keys |= {form for k in _ghain_keys(name_keys) for form in ghain_forms(k)}
        name_keys |= {k for k in _ghain_keys(t.key for t in picked) if not name_keys.isdisjoint(ghain_forms(k))}
        last = len(tokens) - 1
        followed = {i for i in indexes if i < last and tokens[i + 1].start - len(tokens[i + 1].article) - tokens[i].end == 1}
        return [
            t
            for i, t in zip(indexes, picked)
            if (t.key in name_keys or i in followed) and len(t.key) >= self.min_length
        ]

    def _clusters(self, text: str, tokens: list[NameToken], around: list[NameToken]) -> list[list[NameToken]]:
        """Tokens grouped by key, keys merged by vowel evidence, groups spelled more than one
        way. Most articles spell every key one way: the spellings are counted with set and
        Counter passes over the tokens before any token is grouped."""
        root = self._merged_keys(text, tokens, around)
        spellings = set(zip(map(_KEY, tokens), map(_TEXT, tokens)))
        counts = Counter([root.get(k, k) for k, _text in spellings])
        varied = {r for r, n in counts.items() if n > 1}
        if not varied:
            return []
        clusters: dict[str, list[NameToken]] = defaultdict(list)  # in order of first use
        for t in tokens:
            r = root.get(t.key, t.key)
            if r in varied:
                clusters[r].append(t)
        return list(clusters.values())

    def _merged_keys(self, text: str, tokens: list[NameToken], around: list[NameToken]) -> dict[str, str]:
        """The keys of ``tokens`` merged into one name, each mapped to its group's key: those a
        gh written g or q sets apart, and those near enough that a neighbouring name shows one
        person. The neighbours are read from ``around``, every name token, however short ("Mir
        Jan Qaderi" / "Mir Jan Qadiri")."""
        keys = dict.fromkeys(map(_KEY, tokens))
        sure = _ghain_pairs(keys)
        near = _near_pairs(keys) if self.vowel_evidence else []
        if not sure and not near:
            return {}
        parent: dict[str, str] = {}

        def root(k: str) -> str:
            while k in parent:
                k = parent[k]
            return k

        neighbours = self._neighbours(text, around) if near else {}
        for a, b in [*sure, *near]:
            if root(a) != root(b) and ((a, b) in sure or _one_person(neighbours[a], neighbours[b])):
                parent[root(b)] = root(a)
        return {k: root(k) for k in parent}

    def _neighbours(self, text: str, tokens: list[NameToken]) -> dict[str, set[str]]:
        """For each key, the keys of the names written before ("<") and after (">") it in one
        name: a run of names with a space between them, or a lowercase connective ("Hassan
        Nasrallah", "Salim bin Nasser Al-Rawahi"). Words of ``titles`` are no part of a name:
        two ministers are not one person ("Minister Khalid Hamad", "Minister Khaled Hamid")."""
        out: dict[str, set[str]] = defaultdict(set)
        run: list[NameToken] = []
        for a, b in zip([None, *tokens], tokens):
            if a is None or not _in_one_name(text, a, b):
                run = []
            if b.key in self.titles:
                continue
            for earlier in run:
                if earlier.key != b.key:
                    out[earlier.key].add("<" + b.key)
                    out[b.key].add(">" + earlier.key)
            run.append(b)
        return out

    def _report(self, doc: Document, cluster: list[NameToken]) -> Iterator[Finding]:
        counts: dict[str, int] = {}
        for t in cluster:
            counts[t.text] = counts.get(t.text, 0) + 1
        order = list(counts)  # first-used order

        def rank(spelling: str) -> tuple:
            return (-counts[spelling], fold(spelling) not in self.preferred, order.index(spelling))

        winner = min(order, key=rank)
        summary = ", ".join(f"{s} ×{counts[s]}" for s in sorted(order, key=rank))
        for t in cluster:
            if t.text != winner:
                yield self.replacement(
                    doc, t.start, t.end, winner, safe=False, data={"spellings": counts}, spellings=summary
                )

"""Leaks of round 6: an advertising slot's marker ("Advertisement - scroll to continue"), an
agency's sign-off with its editors' initials ("(KNA) B.T / S.Ö"), a video player's card that
starts with its "Watch on ..." button or ends in the video's duration, a caption whose credit
follows a dash ("... at dawn. — KUNA photo"), and the handles of a "Follow us on X: @a, @b" line,
which TQ705 reports with their line and TQ704 leaves alone."""

from __future__ import annotations

import pytest
from test_leaked_lines import CHECKS, _findings  # the same rules, run the same way

from tqcheck.fixer import fix_text

BEFORE = "Exports of dates rose by a fifth last year."
AFTER = "The new contract runs until 2030."

# (code, the leaked line): between two paragraphs, one finding of that code for the whole line.
LEAKS = [
    ("TQ705", "Advertisement"),
    ("TQ705", "ADVERTISEMENT"),
    ("TQ705", "[Advertisement]"),
    ("TQ705", "Advertisement - scroll to continue"),
    ("TQ705", "ADVERTISEMENT — Continue reading the main story"),
    ("TQ705", "Story continues below advertisement"),
    ("TQ705", "Article continues after this ad"),
    ("TQ705", "Scroll to continue with content"),
    ("TQ705", "Continue reading the main story"),
    ("TQ705", "Scroll to continue with content"),
    ("TQ705", "(KNA) B.T / S.Ö / K.M"),
    ("TQ705", "(Petra) J.Q"),
    ("TQ705", "(Sabaa) m.h / s.t"),
    ("TQ701", "Watch on Vimeo — Port authority: the new quay opens (2:05)"),
    ("TQ701", "Watch on YouTube"),
    ("TQ701", "Watch on Facebook: Night of songs at the old theatre"),
    ("TQ701", "Night of Songs | City TV on YouTube (4:15)"),
    ("TQ701", "Harvest festival opens in the valley - Vimeo · 1:04:15"),
    ("TQ701", "Fishermen unload their catch at the old harbour at dawn. — KUNA photo"),
    ("TQ701", "Fishermen unload their catch at the old harbour at dawn – Reuters file photo"),
    ("TQ701", "Fishermen unload their catch at the old harbour at dawn. — Photo: Lina Haddad"),
]


@pytest.mark.parametrize("code, line", LEAKS)
def test_a_leaked_line_is_one_finding_and_its_fix_removes_it(code, line):
    text = f"{BEFORE}\n\n{line}\n\n{AFTER}\n"
    assert _findings(text) == [(code, line)]
    assert fix_text(text, "a.txt", CHECKS, unsafe=True).text == f"{BEFORE}\n\n{AFTER}\n"


# Lines of an article that look like those leaks and are not.
NOT_LEAKS = [
    "Advertisement revenue of the papers fell by a fifth.",
    "Advertising spending rose sharply in the spring",
    "Continue reading the line aloud, he told the class.",
    "The story continues below the surface, the director said.",
    "(Reuters) The vote is due in May.",
    "(UN) Talks resume",
    "Fans can watch on TV at home (20:45)",
    "The full debate is available to watch on YouTube",
    "Fans watch on a big screen in the square as the final begins.",
    "He kept one thing from those years — a family photo",
    "The ministry released the statement - a photo",
    "The minister spoke to YouTube viewers for an hour (14:32)",
    "We will remember that day — The group photo",
]


@pytest.mark.parametrize("line", NOT_LEAKS)
def test_a_line_of_the_article_is_not_a_leak(line):
    assert _findings(f"{BEFORE}\n\n{line}\n\n{AFTER}\n") == []


def test_an_advert_marker_inside_a_paragraph_is_not_a_leak():
    text = f"{BEFORE} Advertisement\n{AFTER}\n"
    assert _findings(text) == []


def test_handles_on_a_follow_line_are_reported_once_with_their_line():
    line = "Follow us on X: @PortAuthority, @CityCouncil and @HarbourNews"
    assert [code for code, _ in _findings(f"{BEFORE}\n\n{line}\n\n{AFTER}\n")] == ["TQ705"]


def test_a_handle_in_running_text_is_still_reported():
    text = f"{BEFORE}\n\nThe envoy's visit @EnvoyOffice with the minister was short.\n\n{AFTER}\n"
    assert _findings(text) == [("TQ704", "@EnvoyOffice")]

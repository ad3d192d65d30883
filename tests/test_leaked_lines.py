"""Leaked captions, embed credits and page navigation (TQ701-TQ705) in the shapes scraped pages
leave them: a caption under a label ("Photo: ..."), in italics, with a lowercase file credit
("(archive)") or a marked one ("© MAP"), an Instagram credit without a date and with its "View
this post on Instagram" header, a tweet credit with its picture link, a Facebook "Posted by ...
on <date>" line, a video player's title ("Watch: ...", "Title — youtube.com/watch?v=..."), a
credit naming a platform ("Source: Telegram channel of ..."), a "Read also: <headline>" teaser,
an agency's "End of message.", a caption that says what it shows ("Archive photo of ..."), a
Telegram post's link and footer ("t.me/x/12 👁 8.1K 11:05"), the site's call to follow it
("Click here to join our WhatsApp channel"), an advertising slot's marker, an agency's sign-off
with its editors' initials ("(KNA) B.T / S.Ö"), a video player's card ("Watch on Vimeo — ...
(2:05)") and a credit after a dash ("... — KUNA photo"); the handles of a "Follow us" line go
with their line. Each is one finding for the whole line, and the
fix, with CRLF line ends too, removes the whole leak and nothing else."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.engine import check_text, run_checks
from tqcheck.fixer import fix_text
from tqcheck.rulefile import DEFAULT_RULES_DIR, load_rule

RULES = ["leaked-caption", "tweet-attribution", "embed-link", "social-handle", "leaked-navigation"]
CHECKS = [load_rule(DEFAULT_RULES_DIR / f"{name}.yml") for name in RULES]

BEFORE = "Exports rose by a fifth last year."
AFTER = "The deal runs until 2030."

# (code, the leaked line): each between two paragraphs is one finding of that code for the
# whole line, and nothing else.
LEAKS = [
    ("TQ701", "Photo: The headquarters of the state oil company in the capital (archive)"),
    ("TQ701", "Image: Workers at the gas field in the south of the country"),
    ("TQ701", "File photo: The port of the city at dawn."),
    ("TQ701", "PICTURE: Fishermen unload their catch at the harbour"),
    ("TQ701", "Caption: The new terminal before its opening"),
    ("TQ701", "Photo: AFP"),
    ("TQ701", "The headquarters of the state oil company in the capital (archive)"),
    ("TQ701", "The headquarters of the state oil company in the capital (file)"),
    ("TQ701", "The headquarters of the state oil company in the capital (archive photo)"),
    ("TQ701", "Workers at the gas field in the south of the country (Photo: file)"),
    ("TQ701", "Image source, Getty Images"),
    ("TQ701", "Watch: Emir opens the second phase of the new port"),
    ("TQ701", "WATCH | Rescuers pull a child from the rubble in the old city"),
    ("TQ701", "Video: Reuters"),
    ("TQ701", "Source: Telegram channel of Basra Today News"),
    ("TQ701", "Via: Facebook page of the Ministry of Water"),
    ("TQ701", "Source: X account of the Port Authority"),
    ("TQ701", "Source: social media"),
    ("TQ701", "*Dockers load a ship at the port of the capital at dawn. (Photo: AA)*"),
    ("TQ701", "_Deputies during the vote on the budget in the main hall of the assembly. (KUNA)_"),
    ("TQ701", "**Photo:** AFP"),
    ("TQ701", "Fishermen unload their catch at the harbour before dawn. © MAP"),
    ("TQ701", "Fishermen unload their catch at the harbour before dawn © Lina Haddad"),
    ("TQ701", "Fishermen unload their catch at the harbour before dawn. Photo: Reuters"),
    ("TQ701", "Fishermen unload their catch at the harbour (Photo: Lina Haddad)"),
    ("TQ701", "YouTube: Harvest Festival 2023 | Night of Songs — youtube.com/watch?v=Ab12Cd34Ef"),
    ("TQ701", "Night of Songs - https://www.youtube.com/watch?v=Ab12Cd34Ef"),
    ("TQ701", "youtu.be/Ab12Cd34Ef"),
    ("TQ701", "Archive photo of the central courts complex in the old quarter"),
    ("TQ701", "An archival image of the bridge before its collapse"),
    ("TQ701", "File image shows the governor during a visit to the dam"),
    ("TQ701", "Handout picture released by the ministry shows the new plant."),
    ("TQ701", "Undated photo of the missing fisherman"),
    ("TQ701", "File photo - Fishermen mend their nets on the beach at dawn. / KUNA"),
    ("TQ701", "Photo — The dam on the upper river after the floods"),
    ("TQ701", "Shoppers in the old market of the capital on Sunday (Photo: Lina Haddad/Flash90)"),
    ("TQ701", "Harvest Festival 2023 | Night of Songs - City TV · 4:15 · Watch on YouTube"),
    ("TQ701", "Night of Songs | Watch on Vimeo"),
    ("TQ702", "A post shared by National Film Festival (@film_fest)"),
    ("TQ702", "A photo posted by Nour Studio (@nour.studio) on Jun 3, 2016 at 4:05am PDT"),
    ("TQ702", "Ministry of Foreign Affairs - Eritrea (@MoFA_Eritrea) March 12, 2025 pic.twitter.com/AbC123"),
    ("TQ702", "pic.twitter.com/AbC123 — Ministry of Foreign Affairs - Eritrea (@MoFA_Eritrea) March 12, 2025"),
    ("TQ702", "https://t.co/Qw12Er34 — Rania Aziz (@rania_aziz) 3 March 2022"),
    ("TQ702", "Posted by Savers' Rights Committee on Monday, March 4, 2024"),
    ("TQ702", "Posted by Savers' Rights Committee on 4 March 2024"),
    ("TQ702", "Posted by Savers' Rights Committee\xa0on\xa0Tuesday, May 7, 2024 at 10:15 AM"),
    ("TQ702", "Posted by Tyre Municipality on Facebook"),
    ("TQ702", "View this post on Instagram A post shared by Harbour Sounds (@harbour_sounds)"),
    ("TQ703", "View this post on Instagram"),
    ("TQ703", "pic.twitter.com/AbC123"),
    ("TQ703", "t.me/HarbourNewsDesk/5120 👁 8.1K 11:05"),
    ("TQ703", "https://t.me/s/HarbourNewsDesk/5120 👁️ 930 edited 9:05 PM"),
    ("TQ703", "3,214 views edited 18:40"),
    ("TQ705", "End of message."),
    ("TQ705", "End of the news"),
    ("TQ705", "(End)"),
    ("TQ705", "-- End --"),
    ("TQ705", "(end) hm.ab"),
    ("TQ705", "(End) K.T / R.B"),
    ("TQ705", "(END) AK/LM"),
    ("TQ705", "Click here to join our WhatsApp channel for breaking news"),
    ("TQ705", "Follow us on Telegram and X"),
    ("TQ705", "For the latest updates, subscribe to our newsletter."),
    ("TQ705", "To get our alerts on WhatsApp, tap here"),
    ("TQ705", "**Download our app**"),
    ("TQ705", "Stay informed: follow the news of the region on our Facebook page"),
    # an advertising slot, an agency's sign-off, a video player's card, a credit after a dash
    ("TQ705", "Advertisement"),
    ("TQ705", "ADVERTISEMENT"),
    ("TQ705", "[Advertisement]"),
    ("TQ705", "Advertisement - scroll to continue"),
    ("TQ705", "ADVERTISEMENT — Continue reading the main story"),
    ("TQ705", "Story continues below advertisement"),
    ("TQ705", "Article continues after this ad"),
    ("TQ705", "Scroll to continue with content"),
    ("TQ705", "Continue reading the main story"),
    ("TQ705", "Story continues after the advertisement"),
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


def _findings(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.match) for f in run_checks(Document(text), CHECKS)[0]]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("code, line", LEAKS)
def test_a_leaked_line_is_one_finding_and_its_fix_removes_it(code, line, newline):
    text = newline.join([BEFORE, "", line, "", AFTER, ""])
    assert _findings(text) == [(code, line)]
    assert fix_text(text, "a.txt", CHECKS, unsafe=True).text == newline.join([BEFORE, "", AFTER, ""])


# (teaser line, its headline): the finding is the headline, the link to the other article; its
# fix deletes the line.
TEASERS = [
    ("Read also: Dock workers end their strike after two weeks", "Dock workers end their strike after two weeks"),
    ("READ ALSO | Dock workers end their strike after two weeks", "Dock workers end their strike after two weeks"),
    ("» Also read: Dock workers end their strike", "Dock workers end their strike"),
    ("[See also: The port's new tariffs take effect in May]", "The port's new tariffs take effect in May"),
    ("**Related:** [Dock workers end their strike](https://example.com/dock-strike)", "Dock workers end their strike"),
    ("Read more: 10 things the new budget changes", "10 things the new budget changes"),
]


@pytest.mark.parametrize("line, headline", TEASERS)
def test_a_teaser_is_found_at_its_headline_and_its_fix_removes_the_line(line, headline):
    text = f"{BEFORE}\n\n{line}\n\n{AFTER}\n"
    assert _findings(text) == [("TQ705", headline)]
    assert fix_text(text, "a.txt", CHECKS, unsafe=True).text == f"{BEFORE}\n\n{AFTER}\n"


def test_a_teaser_linked_in_markdown_is_found():
    """In Markdown the link's brackets and address are markup: the headline is the finding."""
    line = "**Read more:** [Dock workers end their strike after two weeks](https://example.com/news/a1b2)"
    result = check_text(f"{BEFORE}\n\n{line}\n\n{AFTER}\n", "a.md", checks=CHECKS)
    assert [(f.code, f.match) for f in result.findings] == [("TQ705", "Dock workers end their strike after two weeks")]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_leaks_in_text_with_one_paragraph_per_line(newline):
    lines = [BEFORE, "Ministry of Foreign Affairs - Eritrea (@MoFA_Eritrea) March 12, 2025 pic.twitter.com/AbC123",
             "Photo: The port of the city at dawn", "Read also: Dock workers end their strike", AFTER, "End of message.", ""]
    text = newline.join(lines)
    assert [code for code, _match in _findings(text)] == ["TQ702", "TQ701", "TQ705", "TQ705"]
    assert fix_text(text, "a.txt", CHECKS, unsafe=True).text == newline.join([BEFORE, AFTER, ""])


def test_a_credit_line_under_a_caption_takes_the_caption_with_it():
    text = f"{BEFORE}\n\nProtesters gather in the main square on Friday\nPhoto: AFP\n\n{AFTER}\n"
    assert _findings(text) == [("TQ701", "Protesters gather in the main square on Friday\nPhoto: AFP")]
    assert fix_text(text, "a.txt", CHECKS, unsafe=True).text == f"{BEFORE}\n\n{AFTER}\n"


@pytest.mark.parametrize("post", [
    "Fuel prices are rising again",
    "We thank the people of the northern districts for their trust and their patience during these hard weeks. Work starts today.",
])
@pytest.mark.parametrize("credit", [
    "pic.twitter.com/Xy12Ab — Rania Aziz (@rania_aziz) October 12, 2020",
    "pic.twitter.com/Xy12Ab - Rania Aziz (@rania_aziz) October 12, 2020",
    "— Rania Aziz (@rania_aziz) October 12, 2020",
])
def test_a_post_flattened_onto_its_credit_keeps_its_text(post, credit):
    """The post's link belongs to its credit: one finding, and the post's words stay, however
    long they are."""
    text = f"{BEFORE}\n\n{post} {credit}\n\n{AFTER}\n"
    assert _findings(text) == [("TQ702", credit)]
    fixed = fix_text(text, "a.txt", CHECKS, unsafe=True).text
    assert fixed == f"{BEFORE}\n\n{post}\n\n{AFTER}\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("gap", [1, 2])
def test_an_instagram_header_goes_with_the_credit_under_it(newline, gap):
    embed = "View this post on Instagram" + newline * gap + "A post shared by Harbour Sounds (@harbour_sounds)"
    text = newline.join([BEFORE, "", embed, "", AFTER, ""])
    assert _findings(text) == [("TQ702", embed)]
    assert fix_text(text, "a.txt", CHECKS, unsafe=True).text == newline.join([BEFORE, "", AFTER, ""])


def test_the_navigation_messages_name_what_the_line_is():
    teaser, tag = run_checks(Document(f"{BEFORE}\n\nSee also: Dock workers end their strike\n\n{AFTER}\n\n(End)\n"), CHECKS)[0]
    assert teaser.message.startswith("'See also' introduces a link to another article") and teaser.data == {"label": "See also"}
    assert tag.message.startswith("'(End)' is a news agency's end-of-story tag") and tag.data == {"tag": "(End)"}
    (promotion,) = run_checks(Document(f"{BEFORE}\n\nClick here to follow our Telegram channel\n\n{AFTER}\n"), CHECKS)[0]
    assert promotion.message.startswith("'Click here ...' is the web site's call to follow it")
    assert promotion.data == {"promotion": "Click here"}


def test_a_telegram_footer_goes_and_the_channel_name_before_it_stays():
    """The channel's name, in any script, is the post's: only the link and its footer go (safe)."""
    text = f"{BEFORE}\n\nHarbour News Desk t.me/HarbourNewsDesk/5120 👁 8.1K 11:05\n\n{AFTER}\n"
    assert _findings(text) == [("TQ703", "t.me/HarbourNewsDesk/5120 👁 8.1K 11:05")]
    assert fix_text(text, "a.txt", CHECKS).text == f"{BEFORE}\n\nHarbour News Desk\n\n{AFTER}\n"


def test_a_caption_that_says_what_its_picture_is_stands_alone():
    """"Archive photo of ..." is a caption on a line of its own, not inside a paragraph."""
    text = f"{BEFORE} The ministry released\nArchive photo of the old port\nwith its report.\n"
    assert _findings(text) == []


def test_a_source_credit_under_a_caption_takes_the_caption_with_it():
    """"Source: Reuters" alone is the article's attribution; under a caption's text it is the
    photo's credit."""
    text = f"{BEFORE}\n\nProtesters gather in the main square on Friday\nSource: Reuters\n\n{AFTER}\n"
    assert _findings(text) == [("TQ701", "Protesters gather in the main square on Friday\nSource: Reuters")]
    assert fix_text(text, "a.txt", CHECKS, unsafe=True).text == f"{BEFORE}\n\n{AFTER}\n"


def test_a_facebook_credit_names_the_page():
    text = f"{BEFORE}\n\nPosted by Savers' Rights Committee on Monday, March 4, 2024\n\n{AFTER}\n"
    (finding,) = run_checks(Document(text), CHECKS)[0]
    assert "(Savers' Rights Committee)" in finding.message
    assert finding.data == {"poster": "Savers' Rights Committee", "date": "March 4, 2024"}


def test_a_tweet_credit_gives_its_poster_and_handle_apart():
    text = f"{BEFORE}\n\n\u2014 Port Authority (@PortAuthority_X) May 2, 2021\n\n{AFTER}\n"
    (finding,) = run_checks(Document(text), CHECKS)[0]
    assert "(@PortAuthority_X)" in finding.message
    assert finding.data == {"poster": "@PortAuthority_X", "handle": "@PortAuthority_X", "date": "May 2, 2021"}


def test_the_messages_name_the_evidence():
    label, credit = run_checks(Document(f"{BEFORE}\n\nPhoto: The port at dawn\n\n{AFTER}\n\nThe port of the city at dawn (archive)\n"), CHECKS)[0]
    assert "starts with the label 'Photo:'" in label.message and label.data == {"label": "Photo:"}
    assert "ends in the credit '(archive)' (file photo" in credit.message and credit.data["listed"]
    (channel,) = run_checks(Document(f"{BEFORE}\n\nSource: Telegram channel of Basra Today News\n\n{AFTER}\n"), CHECKS)[0]
    assert "its label 'Source:' credits Telegram" in channel.message
    marked, video = run_checks(Document(f"{BEFORE}\n\nThe port at dawn. © Studio Noor\n\nNight of Songs — youtu.be/Ab12\n"), CHECKS)[0]
    assert "ends in the credit '© Studio Noor' (not a listed agency)" in marked.message and marked.data["mark"] == "©"
    assert "ends in the link of an embedded video ('youtu.be/Ab12')" in video.message


NOT_LEAKS = [
    "Picture this: a city without water for a week.",
    "Photo essay: life in the camps on the border",
    "Officials said the archive (file) was opened on Monday.",
    "The report, he said, is in the archive (file).",
    "The exhibition in the old city shows the works of\nPhoto: the artist at work in the studio\nof her late teacher.",
    "Photo:",
    "He wrote that a post shared by the ministry (@MoH_Desk) was fake.",
    "The ministry wrote on its account (@MoH_Desk) on March 3, 2022 that the figures were wrong.",
    "Ministry of Foreign Affairs - Eritrea",
    "The images were taken in 2019 (archive)\nand published only now.",
    "Source: Reuters",
    "Source: Ministry of Finance, annual budget report",
    "Brent crude     $74.32      -0.8%\nSource: Reuters",
    "Source: the company said on Facebook that it would appeal.",
    "Watch: the key moments",
    "Watch: it is not over yet.",
    "Watch: Prices",
    "Video:",
    "Q: Minister, how bad has the past year been?",
    "A: Partly. Petra is our crown jewel, and it always will be.",
    "**11:50 GMT** — **Update 3:** Police say a man has died after his car was swept off a road",
    "Update 3: Police say a man has died after his car was swept off a road",
    "Posted by the ministry on Monday, March 4, 2024, the video was seen a million times.",
    "The video was posted by Savers' Rights Committee on Monday, March 4, 2024",
    "The protest was announced on the Telegram channel of the union",
    "*The Economist*",
    "![Fishermen unload their catch at the harbour before dawn (Reuters)](img/harbour.jpg)",
    "He said one thing about the picture: Nothing works",
    "The full speech can be watched at youtube.com/watch?v=Ab12Cd34Ef",
    "Fans could view this post on Instagram until the account was closed.",
    "We thank the people of the northern districts for their trust during these hard weeks - and we follow Samir Haddad (@samir_haddad)",
    "Read more about it in our guide.",
    "Read more: the full statement is on the ministry's website",
    "Related: the minister's remarks, below.",
    "Read also: Dock workers end their strike. The union is pleased",
    "Related talks between the two unions ended on Monday",
    "Recommended: The Old Harbour walking tour, every Friday at nine",
    "Don't miss: The Night Market of the old town",
    "ENDS",
    "-ends-",
    "[END OF TRANSCRIPT]",
    "The End",
    "The end of the strike was announced in a message to the workers.",
    "Archive photos of the floods show how high the river rose. Officials said the dam held.",
    "File photos are kept in the basement of the ministry.",
    "The archive photo of the port was published in 2019.",
    "Archive of the ministry shows the plans changed",
    "The channel t.me/HarbourNewsDesk has 12,000 subscribers.",
    "The clip had 3,000 views by 14:32 on Monday.",
    "Follow us on this journey, the campaign said.",
    "\"Join our WhatsApp group,\" the mayor told residents.",
    "For the first time, the US joined the talks on Telegram security.",
    "Follow US sanctions news on the Treasury website",
    "Add to that the cost of fuel, which doubled on our page of figures.",
    "Like our neighbours, we depend on the river.",
    "Download the report from the ministry's page",
    "Subscribe",
    "Photo - essay",
    "The full debate is available to watch on YouTube",
    "Fans can watch on YouTube.",
    "(End) of the first half",
    "Damaged roofs of the old houses in the village (Article 5)",
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


@pytest.mark.parametrize("text", NOT_LEAKS)
def test_not_a_leak(text):
    assert [code for code, _match in _findings(f"{BEFORE}\n\n{text}\n\n{AFTER}\n") if code != "TQ704"] == []


def test_a_name_with_a_hyphen_is_not_cut_at_it():
    """"Ministry of Foreign Affairs - Eritrea" is the name: the whole line is the attribution."""
    text = f"{BEFORE}\n\nMinistry of Foreign Affairs - Eritrea (@MoFA_Eritrea) March 12, 2025\n\n{AFTER}\n"
    assert _findings(text) == [("TQ702", "Ministry of Foreign Affairs - Eritrea (@MoFA_Eritrea) March 12, 2025")]


def test_label_lines_are_found_where_the_full_scan_finds_them():
    """_labelled_lines matches _LABEL only at the line starts _MAY_LABEL finds: the same labels
    as _LABEL's own scan of the whole text, on articles and on random label-laden texts."""
    import random

    from conftest import generated_articles

    from tqcheck.checks.caption import _LABEL, _MAY_LABEL

    words = ["Photo:", "photo", "IMAGE", "Image source,", "Watch:", "VIDEO |", "Source:", "via:", "ſource:", "File photo:",
             "Caption:", "Archive", "stock", "pictures", "credit:", "the", "AFP", "YouTube |", "*", "__", "\n", "\n  ", "\t", " ", ":",
             "|", ","]
    rng = random.Random(5)
    texts = generated_articles(10, seed=3) + ["".join(rng.choice(words) + rng.choice(["", " ", "\n"]) for _ in range(60)) for _ in range(500)]
    found = 0
    for text in texts:
        matched = [m for m in (_LABEL.match(text, s.start()) for s in _MAY_LABEL.finditer(text)) if m]
        assert [m.span() for m in matched] == [m.span() for m in _LABEL.finditer(text)], text
        found += len(matched)
    assert found > 300


def test_an_advert_marker_inside_a_paragraph_is_not_a_leak():
    text = f"{BEFORE} Advertisement\n{AFTER}\n"
    assert _findings(text) == []


def test_handles_on_a_follow_line_are_reported_once_with_their_line():
    line = "Follow us on X: @PortAuthority, @CityCouncil and @HarbourNews"
    assert [code for code, _ in _findings(f"{BEFORE}\n\n{line}\n\n{AFTER}\n")] == ["TQ705"]


def test_a_handle_in_running_text_is_still_reported():
    text = f"{BEFORE}\n\nThe envoy's visit @EnvoyOffice with the minister was short.\n\n{AFTER}\n"
    assert _findings(text) == [("TQ704", "@EnvoyOffice")]

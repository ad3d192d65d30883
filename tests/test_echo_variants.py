"""TQ102 (echo) on the variants a blind evaluation found missed: a year or a month restated by a
relative phrase ("during 2023 last year", "in March last month"), a weekday restated by a
relative day ("on Monday the day before yesterday"), a word restated after a comma following
its temporal word ("last Thursday, Thursday,"); a relative period restated with a synonym
("next week the coming week"), a month, a year or a day of a month narrowed or restated with its
part ("the end of May last month", "on 12 June of this month", "early May at the beginning of
next month", "the end of the month, at the end of May"), a weekday and a part of the day
("Friday night last night"); a relative period restated after "in the" ("next month in the coming
month"), a weekday said again after its part of the day or a relative word put after it
("Tuesday night Tuesday", "Tuesday coming next Tuesday"), a year said again as "the year" ("in
June 2019 of the year 2019"), a day or a time said again in other words ("last Friday the past",
"the night to Friday, Friday night", "at 9 p.m. at nine in the evening"); and a temporal word and a word said twice ("this week this week"),
which TQ101 reports alone."""

from __future__ import annotations

import pytest

from tqcheck.document import Document
from tqcheck.engine import check_text
from tqcheck.rulefile import load_rules

ECHO = next(c for c in load_rules() if c.rule.code == "TQ102")

# (text, the echo found, its suggestion)
FOUND = [
    # A year restated by "last year", "this year", "the past year" after in/during/throughout.
    ("exports averaged 410,000 barrels a day during 2023 last year before the stoppage",
     "2023 last year", "2023"),
    ("the fund grew in 2022 last year, the report said", "2022 last year", "2022"),
    ("prices will rise throughout 2025 this year", "2025 this year", "2025"),
    ("the harvest in 2021 the past year was poor", "2021 the past year", "2021"),
    ("tourism recovered during the year 2019 the previous year", "2019 the previous year", "2019"),
    # A month restated by "last month", "this month".
    ("inflation slowed in March last month, the bank said", "March last month", "March"),
    ("elections are due during November this month", "November this month", "November"),
    ("the offensive began in the month of October last month", "October last month", "October"),
    # A weekday restated by a relative day.
    ("depositors gathered on Monday the day before yesterday, demanding", "Monday the day before yesterday", "Monday"),
    ("the minister arrived on Friday yesterday", "Friday yesterday", "Friday"),
    ("the court will rule Sunday tomorrow", "Sunday tomorrow", "Sunday"),
    ("the vote is on Wednesday the day after tomorrow.", "Wednesday the day after tomorrow", "Wednesday"),
    # The word again after its temporal word and a comma; the closing comma goes with it.
    ("the funding it received last Thursday, Thursday, did not exceed 30 percent",
     "Thursday, Thursday,", "Thursday"),
    ("the strike began this Saturday, Saturday.", "Saturday, Saturday", "Saturday"),
    ("the fast ended last Ramadan, Ramadan; prices fell", "Ramadan, Ramadan", "Ramadan"),
    # A relative period restated with a synonym of its relative word.
    ("the agency shipped this week the current week a load of flour", "this week the current week", "this week"),
    ("the board will vote next month the coming month", "next month the coming month", "next month"),
    ("output fell in the past year, last year", "year, last year", "year"),
    ("the club hired him last season the previous season.", "last season the previous season", "last season"),
    ("profits rose in the current quarter this quarter", "current quarter this quarter", "current quarter"),
    ("the fair opens next weekend the following weekend", "next weekend the following weekend", "next weekend"),
    # A month and a year restated by "last year", "last month".
    ("the lawsuits began in November 2023 last year", "November 2023 last year", "November 2023"),
    ("the levy rose in June 2024 the previous month", "June 2024 the previous month", "June 2024"),
    ("tourism recovered during early 2022 last year", "2022 last year", "2022"),
    # A month after "the end of", "early", "mid-" restated by "last month".
    ("At the end of April last month, the bridge closed", "April last month", "April"),
    ("in the second half of January this month the index fell", "January this month", "January"),
    ("rain returned in late February last month", "February last month", "February"),
    ("the strike began in mid-June last month", "mid-June last month", "mid-June"),
    # The relative phrase names a part of the month.
    ("a summit held in early November at the beginning of next month", "November at the beginning of next month", "November"),
    ("the loans fall due in December at the end of this month", "December at the end of this month", "December"),
    ("the vote is set for late May towards the end of the coming month", "May towards the end of the coming month", "May"),
    # A day of a month restated by "of this month", or after "on".
    ("the council meets on 14 July of this month, officials said", "14 July of this month", "14 July"),
    ("the deadline, 9 March of the current month, passed", "9 March of the current month", "9 March"),
    ("the envoy arrives on Tuesday, April 22 next month", "April 22 next month", "April 22"),
    ("the bonds matured on 3 January 2024 last year", "3 January 2024 last year", "3 January 2024"),
    ("on March 4, 2025 at the beginning of this year", "March 4, 2025 at the beginning of this year", "March 4, 2025"),
    ("the vote held on March 2, 2025 in the first ten days of the current month",  # the longest reach
     "March 2, 2025 in the first ten days of the current month", "March 2, 2025"),
    # A part of the month or of the year said with "the month", then with its name.
    ("convoys will leave during the second half of the month, in the second half of June, if allowed",
     "the second half of the month, in the second half of June", "the second half of the month"),
    ("rates will be reviewed at the end of the year, at the end of 2025.",
     "the end of the year, at the end of 2025", "the end of the year"),
    ("the works resume early next month, in early August", "early next month, in early August", "early next month"),
    # A weekday and a part of the day restated by a relative day.
    ("turnout announced on Sunday evening yesterday evening was low", "Sunday evening yesterday evening", "Sunday evening"),
    ("the raid on Tuesday night last night killed two", "Tuesday night last night", "Tuesday night"),
    ("the decree issued Friday this morning", "Friday this morning", "Friday"),
    ("the market reopens Monday morning tomorrow morning", "Monday morning tomorrow morning", "Monday morning"),
    # A relative period restated with a synonym after "in the", "during the", "over the".
    ("the offices stay open next month in the coming month until May", "next month in the coming month", "next month"),
    ("the board approved it last week during the past week", "last week during the past week", "last week"),
    ("the index fell last week over the past week", "last week over the past week", "last week"),
    ("spending rose this year within the current year", "this year within the current year", "this year"),
    # A weekday said again after its part of the day.
    ("the ferry sank late on Tuesday night Tuesday near the port", "Tuesday night Tuesday", "Tuesday night"),
    ("shelling resumed on Friday evening last Friday.", "Friday evening last Friday", "Friday evening"),
    ("the plant shut Sunday morning Sunday", "Sunday morning Sunday", "Sunday morning"),
    # A weekday or a month after a relative word put after it (Persian, Dari order), said again.
    ("the campaign starts on Monday coming next Monday in four districts", "Monday coming next Monday", "Monday"),
    ("the vote was held on Wednesday past last Wednesday", "Wednesday past last Wednesday", "Wednesday"),
    ("the fair reopens in October coming next October", "October coming next October", "October"),
    # A year, alone or ending a date, said again as "the year".
    ("the accord signed in June 2019 of the year 2019 lapsed", "June 2019 of the year 2019", "June 2019"),
    ("the accord signed on 4 June 2019 of the year 2019 lapsed", "4 June 2019 of the year 2019", "4 June 2019"),
    ("the accord signed on June 4, 2019 of the year 2019 lapsed", "June 4, 2019 of the year 2019", "June 4, 2019"),
    ("the council was elected in 2021 in the year 2021", "2021 in the year 2021", "2021"),  # at the end
    # The forms found before stay found.
    ("he visited Cairo in April Last April", "April Last April", "April"),
    ("troops stayed since October 2019 last October", "October 2019 last October", "October 2019"),
    ("talks resumed this week, this week in Doha", "week, this week", "week"),
    ("talks resumed this week last week", "week last week", "week"),
]

# A day or a time said again in other words.
FOUND += [
    ("the pact was signed last Friday the past in Tunis", "last Friday the past", "last Friday"),
    ("the fair opens next Saturday the coming.", "next Saturday the coming", "next Saturday"),
    ("prices rise at the start of next month, April next, officials said", "next month, April next", "next month"),
    ("the cabinet met on the morning of Sunday morning, aides said", "the morning of Sunday morning", "the morning of Sunday"),
    ("the dam burst on the night to Friday, Friday night, after rains",
     "the night to Friday, Friday night", "the night to Friday"),
    ("results came late on Monday, in the late hours of Monday, as", "late on Monday, in the late hours of Monday", "late on Monday"),
    ("cases over the past 24 hours in the last day rose", "the past 24 hours in the last day", "the past 24 hours"),
    ("the concert began at 9 p.m. at nine in the evening on Friday", "9 p.m. at nine in the evening", "9 p.m."),
    ("the ferry left at 6:00 a.m., six o'clock in the morning", "6:00 a.m., six o'clock in the morning", "6:00 a.m."),
]

NOT_FOUND = [
    # Another day, another time, another period.
    "This July, like last July, was dry.",
    "Then in July, well, last July, it rained.",
    "last Friday the past decade of work ended",
    "the fair opens next month, April next year",
    "on the evening of Monday, evening prayers were held",
    "on the night to Friday, Saturday night",
    "late on Monday, in the early hours of Tuesday",
    "at 9 p.m. at eight in the evening",
    "at 9 a.m. at nine in the evening",
    "the last 24 hours in the past week",
    # A different date: March of last year, Monday of last week, a year and another year.
    "prices fell in March last year",
    "he was hired in 2019 last March",
    "the talks on Monday last week failed",
    "the ministry said on Monday this week that it agreed",
    # A date and a relative phrase that name two things.
    "in 2023, last year's champion lost again",
    "in 2023 last year's champion lost again",
    "the 2023 budget last year was cut",
    "the bank released figures for March last month",
    "the statistics office published data on 2022 last year",
    "in March last month's figures were revised",
    "on Monday yesterday's attack was condemned",
    # A comma ends the date before the relative phrase.
    "sales rose in 2022, last year they fell",
    "on Monday, yesterday and today the roads were closed",
    # "may" is no month, a number is no year.
    "any interest in may last month was low",
    "a convoy of 2023 last year carried aid",
    "in 20233 last year",
    # A word again after a comma but not as a restatement.
    "last Thursday, Thursday was declared a holiday",
    "exports rose last month, month on month, by 3 percent",
    "output grew last year, year-on-year, by 5 percent",
    "in the last weeks, weeks of fighting followed",
    # Two relative periods that are not synonyms, or not the same period.
    "sales fell last year the current year looks better",
    "the past week the coming week was planned",
    "this week the current month",
    "next year the following year's budget is due",
    # A day of a month and "last year" or "of this year" name a date once, as does a month and
    # "of last year".
    "the ceasefire of 30 May last year held",
    "on 30 May of this year the court ruled",
    "in May of last year prices rose",
    "in the summer of 2023 last month",
    # A day of a month after another word than "on" and before "last month": the date may be what
    # was set last month ("set a deadline of 30 June last month").
    "the ministry set a deadline of 30 June last month",
    "a truce starting 1 May last month",
    # A part of the month said twice with other parts, or its name after another part.
    "at the end of the month, at the beginning of June",
    "at the end of the year and at the end of 2025",
    "payments fall due at the end of the month, at the end of May and at the end of June",
    "early next month, in late August",
    # A weekday and another day or part of the day.
    "the raid on Tuesday night last week killed two",
    "on Sunday evening tomorrow's vote was prepared",
    "the Sunday Tonight programme",
    # A relative period and another after "in", "over", "on": a comparison, another period.
    "prices rose 5 percent last year over the previous year",
    "sales rose last week on the previous week",
    "output was up 3 percent last month over the previous month",
    "he said last week in the last week of March the port closed",
    "the report said last week in the past week's fighting",
    "the plan covers next year and the coming year",
    # A weekday and another part of it, a name or its possessive; a relative word then another day.
    "Sessions: Saturday morning Saturday afternoon Sunday morning",
    "Sunday night Sunday Night Football aired",
    "the ferry sank on Friday evening Friday's storm",
    "it opens on Monday coming after Tuesday",
    # A year and another year.
    "the accord signed in June 2019 of the year 2020 lapsed",
    "the plan of 2019 set goals for the year 2030",
]


@pytest.mark.parametrize(("text", "match", "suggestion"), FOUND)
def test_echo_variants_are_found_and_the_first_form_is_kept(text, match, suggestion):
    (finding,) = ECHO.run(Document(text))
    (edit,) = finding.fix.edits
    assert (finding.match, finding.suggestions[0]) == (match, suggestion)
    assert text[finding.start : finding.end] == match
    assert (edit.start, edit.end, edit.text) == (finding.start, finding.end, suggestion)
    assert finding.fix.applicability.value == "unsafe"  # the editor may prefer the relative form


@pytest.mark.parametrize("text", NOT_FOUND)
def test_different_dates_and_things_are_not_echoes(text):
    assert list(ECHO.run(Document(text))) == []


@pytest.mark.parametrize(("text", "double"), [
    ("Qatar has intensified its contacts this week this week with the parties.", "this week this week"),
    ("Prices rose last month last month, the bank said.", "last month last month"),
    ("The offensive began Last March last March.", "Last March last March"),
])
def test_a_temporal_word_and_a_word_said_twice_get_one_finding(text, double):
    """The echo "week this week" lies inside the double "this week this week": the engine keeps
    both (their spans differ), so the echo rule steps aside for the doubled rule."""
    findings = [f for f in check_text(text).findings if f.code in ("TQ101", "TQ102")]
    assert [(f.code, f.match) for f in findings] == [("TQ101", double)]


@pytest.mark.parametrize(("text", "match"), [
    ("this week, this week", "week, this week"),  # not a plain double: TQ101 misses the comma
    ("last week this week", "week this week"),  # another temporal word
    ("this October 2019 this October", "October 2019 this October"),  # a number in between
])
def test_near_doubles_stay_echoes(text, match):
    assert [f.match for f in ECHO.run(Document(text))] == [match]

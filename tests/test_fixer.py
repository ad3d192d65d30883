from tqcheck.fixer import apply_once, fix_to_fixed_point
from tqcheck.model import Applicability, Edit, Finding, Fix, Severity


def finding(start, end, text, applicability=Applicability.SAFE, code="T1"):
    fix = Fix("f", (Edit(start, end, text),), applicability)
    return Finding(code, "r", "c", Severity.WARNING, "m", start, end, 1, 1, 1, 1, "", (text,), fix)


def test_overlapping_fixes_are_skipped_for_the_next_pass():
    text = "abcdef"
    new, applied = apply_once(text, [finding(0, 3, "X"), finding(2, 4, "Y"), finding(4, 6, "Z")])
    assert new == "XdZ"
    assert [f.start for f in applied] == [0, 4]


def test_unsafe_fixes_need_opt_in_and_display_fixes_never_apply():
    findings = [finding(0, 1, "X", Applicability.UNSAFE), finding(2, 3, "Y", Applicability.DISPLAY)]
    assert apply_once("abc", findings)[0] == "abc"
    assert apply_once("abc", findings, unsafe=True)[0] == "Xbc"


def test_fixed_point_reruns_until_clean_and_is_idempotent():
    def check(text):  # one fix per pass: collapse the first "aa"
        i = text.find("aa")
        return [finding(i, i + 2, "a")] if i >= 0 else []

    outcome = fix_to_fixed_point("aaaa", check)
    assert outcome.text == "a"
    assert outcome.passes == 3
    assert fix_to_fixed_point(outcome.text, check).applied == []


def test_loop_guard_stops_fixes_that_undo_each_other():
    def check(text):
        return [finding(0, 1, "b" if text[0] == "a" else "a")]

    outcome = fix_to_fixed_point("a", check)
    assert outcome.warning and "repeated" in outcome.warning
    assert outcome.passes <= 10

"""The BSN check: the 11-test and spotting BSN-like numbers in free text."""

from hypothesis import given
from hypothesis import strategies as st

from bobtui.core.domain.bsn import BSN_WARNING, bsn_warnings, find_bsn_like, passes_eleven_test

WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def complete_bsn(first_eight: str) -> str | None:
    """The valid BSN that starts with these eight digits, if a last digit makes one."""
    partial = sum(int(d) * w for d, w in zip(first_eight, WEIGHTS, strict=False))
    for last in range(10):
        total = partial - last
        if total != 0 and total % 11 == 0:
            return first_eight + str(last)
    return None


eight_digits = st.text(alphabet="0123456789", min_size=8, max_size=8)
words = st.text(alphabet=st.characters(categories=["L", "Zs", "P"]), max_size=30)


def test_known_numbers() -> None:
    assert passes_eleven_test("111222333")
    assert passes_eleven_test("123456782")
    assert not passes_eleven_test("123456789")
    assert not passes_eleven_test("000000000")  # sum 0 is not a BSN
    assert not passes_eleven_test("11122233")


def test_grouped_and_embedded_numbers() -> None:
    assert find_bsn_like("BSN 1112.22.333 van moeder") == ["111222333"]
    assert find_bsn_like("nummer 111 222 333.") == ["111222333"]
    assert find_bsn_like("telefoon 0111222333") == []  # ten digits: not a BSN
    assert find_bsn_like("kenmerk 1112223334") == []
    assert bsn_warnings("geen nummer", None, "") == ()
    assert bsn_warnings("x", "111222333") == (BSN_WARNING,)


@given(eight_digits, words, words)
def test_every_valid_bsn_in_text_is_found(first_eight: str, before: str, after: str) -> None:
    bsn = complete_bsn(first_eight)
    if bsn is None:
        return
    assert passes_eleven_test(bsn)
    assert bsn in find_bsn_like(f"{before} {bsn} {after}")


@given(eight_digits, st.integers(0, 8), st.integers(1, 9))
def test_changing_one_digit_breaks_the_test(first_eight: str, position: int, delta: int) -> None:
    bsn = complete_bsn(first_eight)
    if bsn is None:
        return
    changed = bsn[:position] + str((int(bsn[position]) + delta) % 10) + bsn[position + 1 :]
    assert not passes_eleven_test(changed)


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"])))
def test_text_without_digits_never_warns(text: str) -> None:
    assert find_bsn_like(text) == []
    assert bsn_warnings(text) == ()


@given(st.text(alphabet="0123456789", min_size=10, max_size=20))
def test_longer_digit_runs_are_not_bsns(digits: str) -> None:
    assert find_bsn_like(f"ref {digits} eind") == []

"""The diary's one signal: a sustained drop. Over the last 7 days (at least 4 entries) the mean
wellbeing lies at least 1.5 points below its mean over the 21 days before (at least 4 entries)."""

from __future__ import annotations

import datetime as dt

from domain.diary import DiaryEntry, sustained_drop

LATEST = dt.date(2026, 3, 31)


def entry(days_before_latest: int, level: int) -> DiaryEntry:
    """An entry whose wellbeing is `level`: energy and motivation `level`, stress 11 - `level`."""
    return DiaryEntry(
        date=LATEST - dt.timedelta(days=days_before_latest),
        energy=level,
        stress=11 - level,
        motivation=level,
    )


def diary(recent: dict[int, int], baseline: dict[int, int]) -> list[DiaryEntry]:
    """Entries by days before the latest (day 0), each with its wellbeing level."""
    return [entry(days, level) for days, level in (recent | baseline).items()]


LOW_WEEK = {0: 4, 1: 4, 2: 4, 3: 4}  # four entries of wellbeing 4 in the recent week
GOOD_WEEKS = {10: 7, 15: 7, 20: 7, 25: 7}  # four entries of wellbeing 7 in the weeks before


def test_wellbeing_is_the_mean_of_energy_motivation_and_the_inverse_of_stress() -> None:
    """Stress counts the other way round: 11 - stress."""
    assert DiaryEntry(date=LATEST, energy=6, stress=2, motivation=3).wellbeing == 6.0


def test_four_low_days_after_three_good_weeks_are_a_sustained_drop() -> None:
    """The baseline case: 4 points recently against 7 before, four entries in each window."""
    assert sustained_drop(diary(LOW_WEEK, GOOD_WEEKS))


def test_an_empty_diary_shows_no_drop() -> None:
    """No entries, no signal."""
    assert not sustained_drop([])


def test_steady_wellbeing_is_no_drop() -> None:
    """Four entries a window at the same level: no signal, however many entries there are."""
    assert not sustained_drop(diary(dict.fromkeys(LOW_WEEK, 7), GOOD_WEEKS))


def test_a_sustained_drop_needs_at_least_four_entries_in_each_window() -> None:
    """Three entries in the recent week, or three in the weeks before, are too few to judge,
    however low the recent ones are."""
    three_low = {0: 1, 1: 1, 2: 1}
    three_good = {10: 7, 15: 7, 20: 7}
    assert not sustained_drop(diary(three_low, GOOD_WEEKS))
    assert not sustained_drop(diary(LOW_WEEK, three_good))
    assert not sustained_drop(diary(three_low, three_good))


def test_a_drop_of_exactly_one_and_a_half_points_is_sustained() -> None:
    """At least 1.5 points: a recent mean of 5.5 against 7 is a drop."""
    assert sustained_drop(diary({0: 5, 1: 6, 2: 5, 3: 6}, GOOD_WEEKS))
    assert not sustained_drop(diary({0: 6, 1: 6, 2: 5, 3: 6}, GOOD_WEEKS))  # 5.75: too little


def test_an_entry_seven_days_before_the_latest_belongs_to_the_weeks_before() -> None:
    """The recent week is the latest day and the six before it; day 7 back is in the baseline:
    it makes a fourth baseline entry, and it does not make a fourth recent one."""
    three_good = {10: 7, 15: 7, 20: 7}
    assert sustained_drop(diary(LOW_WEEK, three_good | {7: 7}))
    assert not sustained_drop(diary({0: 4, 1: 4, 2: 4}, GOOD_WEEKS | {7: 4}))


def test_the_weeks_before_end_21_days_before_the_recent_week() -> None:
    """The baseline runs from 7 to 27 days before the latest entry: day 27 counts, day 28 not."""
    three_good = {10: 7, 15: 7, 20: 7}
    assert sustained_drop(diary(LOW_WEEK, three_good | {27: 7}))
    assert not sustained_drop(diary(LOW_WEEK, three_good | {28: 7}))


def test_the_windows_count_back_from_the_latest_entry_in_any_order() -> None:
    """The latest entry's date anchors the windows, wherever it stands in the list."""
    entries = diary(LOW_WEEK, GOOD_WEEKS)
    assert sustained_drop(list(reversed(entries)))
    assert sustained_drop(entries[1:] + entries[:1])

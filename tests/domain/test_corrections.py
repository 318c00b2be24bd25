"""A correction points at an original entry, never at another correction: the history must read
as the originals, each corrected or retracted, not as a chain of corrections of corrections."""

from __future__ import annotations

import pytest

from domain.corrections import effective_history, parse_entry
from domain.errors import BadInputError
from tests.helpers import event

SICK = event("reported_sick", "2026-01-05")
PARTLY = event("partially_recovered", "2026-01-20", percentage=60)
FIXED = event("partially_recovered", "2026-01-21", percentage=50)
CORRECTION = event("event_corrected", "2026-01-22", corrects=2, event=FIXED)
RETRACTION = event("event_retracted", "2026-01-22", retracts=2)
OF_ENTRY_3 = {
    "correction": event("event_corrected", "2026-01-23", corrects=3, event=FIXED),
    "retraction": event("event_retracted", "2026-01-23", retracts=3),
}


def test_a_correction_of_an_original_entry_replaces_it() -> None:
    """The baseline the refusals below differ from: correcting entry 2 is fine."""
    history = effective_history([parse_entry(e) for e in (SICK, PARTLY, CORRECTION)])
    assert history == {1: parse_entry(SICK), 2: parse_entry(FIXED)}


@pytest.mark.parametrize("first", [CORRECTION, RETRACTION], ids=["corrected", "retracted"])
@pytest.mark.parametrize("second", list(OF_ENTRY_3))
def test_a_correction_or_retraction_of_a_correction_is_refused(
    first: dict[str, object], second: str
) -> None:
    """Entry 3 is itself a correction (or retraction) of entry 2: correcting or retracting
    entry 3 is refused, pointing at the original entry instead."""
    log = [parse_entry(e) for e in (SICK, PARTLY, first, OF_ENTRY_3[second])]
    with pytest.raises(BadInputError, match="entry 3 is itself a correction; correct the original"):
        effective_history(log)


def test_a_correction_that_points_at_itself_points_at_an_entry_that_does_not_exist_yet() -> None:
    """Entry 3 correcting entry 3: it can only point back, at entries recorded before it."""
    log = [parse_entry(e) for e in (SICK, PARTLY, OF_ENTRY_3["correction"])]
    with pytest.raises(BadInputError) as refused:
        effective_history(log)
    assert str(refused.value) == "entry 3 does not exist yet (this is entry 3)"


def test_a_correction_of_a_retracted_entry_is_refused() -> None:
    """Once retracted, an entry is gone from the history: there is nothing left to correct."""
    log = [parse_entry(e) for e in (SICK, PARTLY, RETRACTION, CORRECTION)]
    with pytest.raises(BadInputError) as refused:
        effective_history(log)
    assert str(refused.value) == "entry 2 was retracted"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (event("event_retracted", "2026-01-22"), "missing field 'retracts'"),
        (
            event("event_retracted", "2026-02-30"),
            "date: 2026-02-30 is not a real date; missing field 'retracts'",
        ),
        (
            event("event_corrected", "2026-01-22", corrects=0, event=FIXED),
            "corrects: input should be greater than or equal to 1, got 0",
        ),
    ],
)
def test_a_malformed_correction_is_refused_in_the_words_used_for_events(
    raw: dict[str, object], message: str
) -> None:
    """One plain sentence per problem, separated by semicolons, as for an event."""
    with pytest.raises(BadInputError) as refused:
        parse_entry(raw)
    assert str(refused.value) == message

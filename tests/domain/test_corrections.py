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

"""The table of steps: one row for every step the engine times, and the sets read from it."""

from __future__ import annotations

from domain.steps import LAW_STEPS, MEETINGS, STEPS, Step


def test_every_step_has_exactly_one_row_in_the_table() -> None:
    """A step without a row would have no title, party or lead time: the table lists them all."""
    assert list(STEPS) == list(Step)


def test_the_law_steps_and_the_meetings_are_read_from_the_rows() -> None:
    """A step is a law step, or a meeting, exactly when its row says so."""
    assert {step for step in Step if STEPS[step].law_step} == LAW_STEPS
    assert {step for step in Step if STEPS[step].meeting} == MEETINGS

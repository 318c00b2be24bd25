"""The employee's diary: energy, stress and motivation from 1 to 10, one entry a day. It helps
the employee and their physician see patterns; it is the employee's own and never part of the
case's log. The only thing that may leave it, if the employee opts in, is a signal that a
sustained drop suggests an earlier capacity review: never a score.

A sustained drop: over the last 7 days (at least 4 entries) the mean wellbeing lies at least
1.5 points below its mean over the 21 days before (at least 4 entries), where wellbeing is the
mean of energy, motivation and the inverse of stress (11 - stress).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from statistics import fmean
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from domain.event_base import RealDate

Score = Annotated[int, Field(ge=1, le=10)]
RECENT = dt.timedelta(days=7)
BASELINE = dt.timedelta(days=21)
MIN_ENTRIES = 4
DROP = 1.5


class DiaryEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    date: RealDate
    energy: Score
    stress: Score
    motivation: Score

    @property
    def wellbeing(self) -> float:
        return (self.energy + self.motivation + (11 - self.stress)) / 3


def sustained_drop(entries: Sequence[DiaryEntry]) -> bool:
    """Whether the latest entries show a sustained drop against the weeks before them."""
    if not entries:
        return False
    latest = max(entry.date for entry in entries)
    recent = [e.wellbeing for e in entries if latest - e.date < RECENT]
    baseline = [e.wellbeing for e in entries if RECENT <= latest - e.date < RECENT + BASELINE]
    if len(recent) < MIN_ENTRIES or len(baseline) < MIN_ENTRIES:
        return False
    return fmean(recent) <= fmean(baseline) - DROP

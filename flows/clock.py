"""The flows' clock: the real one. Only the demonstration, which calls the flows in its own
process, runs them on a simulated one; no flow takes the time as a parameter, so nobody who can
start a run (in the Prefect UI, say) can date an entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

_simulated: list[dt.datetime] = []


def now() -> dt.datetime:
    return _simulated[-1] if _simulated else dt.datetime.now(dt.UTC)


@contextmanager
def simulated(moment: dt.datetime) -> Iterator[None]:
    """Within this block, in this process, the flows' clock reads `moment`."""
    _simulated.append(moment)
    try:
        yield
    finally:
        _simulated.pop()

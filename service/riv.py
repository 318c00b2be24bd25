"""The reintegration report's parts as they stand in a case (`reintegration riv`, the API and
the case page): opened like the case itself, and the read recorded like any other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from domain.riv import Recorded, Riv, riv_of
from service.case_file import Actor, Purpose, open_case_file
from service.case_view import step_dict
from service.ports import Store


@dataclass(frozen=True)
class RivReport:
    case_key: str
    display_name: str
    today: dt.date
    riv: Riv
    voided_on: dt.date | None = None  # opened by mistake: nothing of it is needed

    def as_dict(self) -> dict[str, object]:
        riv = self.riv
        return {
            "case": self.case_key,
            "display_name": self.display_name,
            "as_of": self.today.isoformat(),
            "voided_on": self.voided_on.isoformat() if self.voided_on else None,
            "handed_over": riv.handed_over.isoformat() if riv.handed_over else None,
            "current_assessment_counts_from": riv.current_from.isoformat(),
            "parts": [
                {
                    "part": state.part.value,
                    "title": state.info.title.en,
                    "supplied_by": state.info.supplied_by.en,
                    "status": state.status.value,
                    "due": state.due.isoformat() if state.due else None,
                    "entries": [
                        {
                            "type": c.type,
                            "date": c.date.isoformat(),
                            "recorded_by": c.by,
                            "role": c.role,
                            "current": c.current,
                        }
                        for c in state.contributions
                    ],
                }
                for state in riv.parts
            ],
            "open_steps": [step_dict(step, self.today) for step in riv.open_steps],
        }


def riv_report(store: Store, actor: Actor, case_key: str, now: dt.datetime) -> RivReport:
    """The report's parts of `case_key` as of today in Amsterdam, if `actor` may read the case."""
    file = open_case_file(store, actor, case_key, now, Purpose.CASE)
    history = file.history
    recorded = [
        Recorded(history[row.seq], row.actor, row.role)
        for row in file.stored.log
        if row.seq in history
    ]
    riv = riv_of(file.case, recorded, file.steps)
    voided_on = file.voided.date if file.voided else None
    return RivReport(file.key, file.stored.employee.display_name, file.as_of, riv, voided_on)

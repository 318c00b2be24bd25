"""The recovery of a case as its parties review it: the latest capacity assessment, the ladder
and the current stage, the contact agreement and its moments. Never the diary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adapters.store.case_store import CaseStore
from domain.case import replay
from domain.corrections import effective_history
from domain.errors import BadInputError
from domain.recovery import Recovery
from domain.roles import MAY_READ_RECOVERY, Role, require
from service.recording import Actor, entry_of, today_in_amsterdam


@dataclass(frozen=True)
class RecoveryView:
    case_key: str
    display_name: str
    today: dt.date
    recovery: Recovery


def recovery_of(store: CaseStore, actor: Actor, case_key: str, now: dt.datetime) -> RecoveryView:
    """The case's recovery as of today. A read by anyone but the employee is recorded."""
    require(actor.role, MAY_READ_RECOVERY, "review a case's recovery")
    stored = store.load(case_key)
    assert stored.row.id is not None
    if actor.role is Role.EMPLOYEE and actor.name != stored.employee.key:
        raise BadInputError(f"an employee reads only their own case, not {case_key}")
    today = today_in_amsterdam(now)
    history = effective_history([entry_of(row) for row in stored.log])
    case = replay(list(history.values()), today, list(history))
    if actor.role is not Role.EMPLOYEE:
        store.record_reads([stored.row.id], actor.name, actor.role.value, "recovery", now)
    return RecoveryView(case_key, stored.employee.display_name, today, case.recovery)

"""Lists of open cases: all of them (`open_cases`), or one page of those a `CaseFilter` asks
for, filtered, counted, sorted and cut in SQL so that a page costs about what its cases cost.

What SQL cannot check are the keyed seals. Who may be listed is decided first, in Python, from
sealed rows only: a manager's employees are those whose relations' seal holds (a manager
written in by hand grants nothing), a physician's cases come checked from the directory. Each
case on the page is then checked against its identity seal as `open_cases` checks every case;
one moved behind the application's back is left out of the page. It still counts in
`matching`: checking the seal of every matching case would cost what the page saves
(`reintegration verify` names it).

The search folds case as Python's `str.casefold` on SQLite (registered as a function on each
connection) and with `lower()` on PostgreSQL, which follows the database's LC_CTYPE (under
the "C" locale it lowers ASCII letters only; "ß" stays "ß" where casefold makes "ss")."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, false, func, or_, true
from sqlalchemy import select as columns_of  # rows of plain columns, not ORM objects
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import Select
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import String
from sqlmodel import Session, col

from adapters.keys import StoreKey
from adapters.store.records import relations_intact, trusted_employee
from adapters.store.seals import case_identity
from adapters.store.tables import CaseRow, Employee, OpenStepRow, Team
from service.ports import (
    CaseFilter,
    CaseRecord,
    CaseStatus,
    EmployeeRecord,
    OpenCase,
    OpenCasePage,
    StepsDue,
)

CASE_COLUMNS = tuple(field.name for field in dataclasses.fields(CaseRecord))
# An employee's record, and what its relations' seal covers (`records.trusted_employee`).
EMPLOYEE_COLUMNS = (
    *(field.name for field in dataclasses.fields(EmployeeRecord)),
    "team_id",
    "relations_mac",
)


class casefold(GenericFunction[str]):  # noqa: N801 (SQL function names are lower case)
    """The text with its case folded, for a search that ignores case (see the docstring)."""

    type = String()
    inherit_cache = True


@compiles(casefold, "postgresql")
def _lower(element: casefold, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


def register_casefold(dbapi_connection: Any) -> None:
    """Make `casefold(text)` known to a SQLite connection (`adapters.store.database`)."""
    dbapi_connection.create_function("casefold", 1, _casefolded, deterministic=True)


def _casefolded(text: str | None) -> str | None:
    return None if text is None else text.casefold()


def open_cases_query(as_of: dt.date) -> Select[tuple[Any, ...]]:
    """The cases open on `as_of`, with their employees, as plain columns."""
    return _cases_query().where(col(CaseRow.open_until) > as_of)


def _cases_query() -> Select[tuple[Any, ...]]:
    return columns_of(
        *(getattr(CaseRow, name) for name in CASE_COLUMNS),
        col(CaseRow.identity_mac),
        *(getattr(Employee, name) for name in EMPLOYEE_COLUMNS),
    ).join(Employee)


def _open(where: CaseFilter) -> ColumnElement[bool]:
    return true() if where.closed_too else col(CaseRow.open_until) > where.as_of


def schedules(session: Session, case_ids: list[int]) -> dict[int, list[tuple[str, dt.date]]]:
    """The open steps of these cases, each case's by due date then step."""
    steps: dict[int, list[tuple[str, dt.date]]] = {case_id: [] for case_id in case_ids}
    schedule = columns_of(
        col(OpenStepRow.case_id), col(OpenStepRow.step), col(OpenStepRow.due)
    ).where(col(OpenStepRow.case_id).in_(case_ids))
    for case_id, step, due in session.execute(
        schedule.order_by(col(OpenStepRow.due), col(OpenStepRow.step))
    ):
        steps[case_id].append((step, due))
    return steps


def open_case(
    row: Any, steps: dict[int, list[tuple[str, dt.date]]], key: StoreKey
) -> OpenCase | None:
    """The open case of a row of `open_cases_query`; None when its identity seal fails (moved
    behind the application's back: in no list, and verify names it)."""
    case = dict(zip(CASE_COLUMNS, row[: len(CASE_COLUMNS)], strict=True))
    identity_mac, *employee_columns = row[len(CASE_COLUMNS) :]
    columns = dict(zip(EMPLOYEE_COLUMNS, employee_columns, strict=True))
    if not key.checks(case_identity(case, columns["key"]), identity_mac):
        return None
    employee = trusted_employee(columns, key)
    record = CaseRecord(**case | {"status": CaseStatus(case["status"])})
    return OpenCase(record, employee, steps[record.id])


def open_case_page(
    session: Session, key: StoreKey, where: CaseFilter, page: int, size: int
) -> OpenCasePage:
    scope = _scope(session, key, where)
    postgres = session.get_bind().dialect.name == "postgresql"

    def by_code_point(column: Any) -> Any:
        """Sorted as Python sorts text (PostgreSQL's own collation may follow a language)."""
        return column.collate("C") if postgres else column  # SQLite's BINARY is code points

    teams = session.execute(
        columns_of(col(Team.name))
        .select_from(CaseRow)
        .join(Employee)
        .join(Team, col(Employee.team_id) == Team.id)
        .where(_open(where), scope)
        .distinct()
    )
    team_names = sorted(teams.scalars())
    matching_cases = _matching(where, scope)
    count = columns_of(func.count()).select_from(CaseRow).join(Employee)
    if where.team:
        count = count.join(Team, col(Employee.team_id) == Team.id)
    matching = session.execute(count.where(*matching_cases)).scalar_one()
    pages = max(1, -(-matching // size))
    page = min(max(page, 1), pages)
    query = _cases_query().where(_open(where))
    if where.team:
        query = query.join(Team, col(Employee.team_id) == Team.id)
    rows = session.execute(
        query.where(*matching_cases)
        .order_by(by_code_point(col(Employee.key)), col(CaseRow.id))
        .offset((page - 1) * size)
        .limit(size)
    ).all()
    steps = schedules(session, [row[0] for row in rows])
    found = [case for row in rows if (case := open_case(row, steps, key)) is not None]
    teams_of_page = session.execute(
        columns_of(col(Employee.id), col(Team.name))
        .join(Team, col(Employee.team_id) == Team.id)
        .where(col(Employee.id).in_({case.employee.id for case in found}))
    )
    team_of = dict(teams_of_page.tuples().all())
    return OpenCasePage(found, matching, page, pages, team_names, team_of)


def _scope(session: Session, key: StoreKey, where: CaseFilter) -> ColumnElement[bool]:
    """Whose cases may be listed at all, from sealed rows only."""
    scope: list[ColumnElement[bool]] = []
    if where.manager_id is not None:
        managed = session.execute(
            columns_of(*(getattr(Employee, name) for name in EMPLOYEE_COLUMNS)).where(
                col(Employee.manager_id) == where.manager_id
            )
        )
        employees = [dict(zip(EMPLOYEE_COLUMNS, row, strict=True)) for row in managed]
        ids = [e["id"] for e in employees if relations_intact(e, key)]
        scope.append(col(CaseRow.employee_id).in_(ids))
    if where.case_ids is not None:
        scope.append(col(CaseRow.id).in_(sorted(where.case_ids)))
    return and_(true(), *scope)


def _matching(where: CaseFilter, scope: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    conditions = [_open(where), scope]
    if where.team:
        conditions.append(col(Team.name) == where.team)
    if where.search:
        searched = (col(Employee.display_name), col(Employee.key), col(CaseRow.key))
        conditions.append(
            or_(false(), *(casefold(c).contains(where.search, autoescape=True) for c in searched))
        )
    conditions += [_has(steps) for steps in where.having]
    conditions += [~_has(steps) for steps in where.lacking]
    return conditions


def _has(steps: StepsDue) -> ColumnElement[bool]:
    due = col(OpenStepRow.due)
    return exists().where(
        col(OpenStepRow.case_id) == CaseRow.id,
        col(OpenStepRow.step).in_(sorted(steps.steps)),
        *([due >= steps.since] if steps.since else []),
        *([due <= steps.until] if steps.until else []),
    )

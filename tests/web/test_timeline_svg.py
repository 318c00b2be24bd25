"""The timeline picture by its content, on a case with a relapse (two linked sick periods), a
step done on time, one done late, open steps and overdue ones; and Dutch dates."""

from __future__ import annotations

import datetime as dt
import re

from service.case_view import case_view
from service.recording import RecordEvent, ReportSick, record, report_sick
from tests.fakes import FakeStore
from tests.organisation import HR, PHYSICIAN, assign_physician, organise
from web.console.messages import Words
from web.console.timeline_svg import legend, timeline_svg, week_at

NOW = dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC)
CASE = "E1042-20260302"


def relapse_case() -> FakeStore:
    store = FakeStore()
    organise(store)
    report_sick(store, HR, ReportSick("E1042", "Jan Jansen", {"date": "2026-03-02"}), NOW)
    assign_physician(store, CASE)
    for actor, kind, day in (
        (HR, "physician_notified", "2026-03-03"),  # due 8 March: on time
        (PHYSICIAN, "problem_analysis_done", "2026-04-30"),  # due 12 April: late
        (HR, "recovered", "2026-05-04"),
        (HR, "reported_sick", "2026-05-18"),  # 14 fit days: linked
    ):
        record(store, actor, RecordEvent(CASE, {"type": kind, "date": day}), NOW)
    return store


def kinds_of(svg: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for kind, step in re.findall(r'class="marker (\w+)" data-step="(\w+)"', svg):
        found.setdefault(kind, []).append(step)
    return found


def test_the_picture_marks_done_late_open_and_overdue_steps_and_the_gap() -> None:
    view = case_view(relapse_case(), HR, CASE, NOW)
    svg = timeline_svg(view, Words("nl"))
    kinds = kinds_of(svg)
    assert kinds["done_on_time"] == ["notify_physician"]
    assert kinds["done_late"] == ["problem_analysis"]
    assert "plan_of_action" in kinds["overdue"]  # two weeks after the late analysis
    assert "notify_physician" in kinds["overdue"]  # of the second report, never notified
    assert "uwv_sickness_report" in kinds["open"]
    assert svg.count('<g class="gap">') == 1
    assert "<title>hersteld ma 4 mei 2026 \u2013 ma 18 mei 2026 (14 d)</title>" in svg
    assert (
        "<title>Probleemanalyse: gedaan op do 30 apr 2026, uiterlijk zo 12 apr 2026 "
        "(te laat gedaan)</title>"
    ) in svg
    assert svg.count('class="period"') == 2
    assert svg.count('class="today"') == 1


def test_the_fit_days_between_periods_do_not_move_the_clock() -> None:
    view = case_view(relapse_case(), HR, CASE, NOW)
    assert week_at(view, dt.date(2026, 3, 9)) == 1
    assert week_at(view, dt.date(2026, 5, 4)) == week_at(view, dt.date(2026, 5, 18)) == 9
    assert week_at(view, dt.date(2026, 5, 25)) == 10
    assert week_at(view, dt.date(2030, 1, 1)) == 104  # the picture ends at week 104


def test_the_legend_and_the_words_follow_the_language() -> None:
    assert [words for _, words in legend(Words("en"))] == [
        "done on time",
        "done late",
        "open",
        "overdue",
    ]
    view = case_view(relapse_case(), HR, CASE, NOW)
    assert "Problem analysis: done on Thu 30 Apr 2026" in timeline_svg(view, Words("en"))


def test_dates_in_dutch_and_english() -> None:
    day = dt.date(2026, 2, 3)
    assert Words("nl").date(day) == "di 3 feb 2026"
    assert Words("en").date(day) == "Tue 3 Feb 2026"
    assert Words("nl").date(dt.date(2026, 3, 29)) == "zo 29 mrt 2026"

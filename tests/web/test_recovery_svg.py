"""The build-up ladder picture by its content: none without a build-up, rungs but no course
while only proposed, and once started a course that drops at a setback, with the current
stage highlighted; and the current stage in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from domain.recovery import BuildUp, Recovery, StageChange
from domain.recovery_events import StageMove, StageSpec
from web.console.case_sections import current_stage, stage_rows
from web.console.messages import Words
from web.console.recovery_svg import ladder_svg

TODAY = dt.date(2026, 6, 1)
STAGES = (
    StageSpec(sessions=2, hours=2),
    StageSpec(sessions=3, hours=3),
    StageSpec(sessions=4, hours=3, rest_days=False),
)
PROPOSED = BuildUp(STAGES, target_hours=12, review_after=dt.timedelta(days=14))
NL, EN = Words("nl"), Words("en")


def started() -> Recovery:
    course = (
        StageChange(dt.date(2026, 5, 1), StageMove.START, 1, STAGES[0]),
        StageChange(dt.date(2026, 5, 15), StageMove.ADVANCE, 2, STAGES[1]),
        StageChange(dt.date(2026, 5, 22), StageMove.ADVANCE, 3, STAGES[2]),
        StageChange(dt.date(2026, 5, 27), StageMove.SETBACK, 2, STAGES[1]),
    )
    return Recovery(build_up=replace(PROPOSED, current=1), course=course)


def test_no_build_up_no_picture() -> None:
    """Without a build-up there is nothing to draw (the page says so in words)."""
    assert ladder_svg(Recovery(), TODAY, NL) is None


def test_a_proposal_has_its_rungs_but_no_course() -> None:
    """A proposal not yet agreed: every stage, none current, and no line over time."""
    svg = ladder_svg(Recovery(build_up=PROPOSED), TODAY, NL)
    assert svg is not None
    assert svg.count('<g class="rung"') == 3
    assert "current" not in svg
    assert 'class="course' not in svg
    assert "nog niet gestart" in svg
    assert current_stage(PROPOSED, NL) == "voorgesteld, nog niet gestart; akkoord van: nog niemand"


def test_a_setback_is_a_drop_and_the_current_stage_is_highlighted() -> None:
    """The course has one marker per move, a setback's is a downward triangle, the current
    rung is marked, and the <desc> counts the setback."""
    recovery = started()
    svg = ladder_svg(recovery, TODAY, EN)
    assert svg is not None
    assert '<g class="rung current" data-stage="2">' in svg
    assert svg.count('<g class="move setback"><polygon') == 1
    assert svg.count('<g class="move advance"><circle') == 2
    assert 'class="course current"' in svg
    assert "now stage 2; setbacks or steps back: 1." in svg
    assert current_stage(recovery.build_up or PROPOSED, NL) == (
        "fase 2 van 3: 3 x 3 uur per week, een rustdag ertussen"
    )
    assert [row.state for row in stage_rows(recovery, NL)] == ["reached", "now", "reached"]


def test_only_a_stage_with_rest_days_mentions_them() -> None:
    """Only a stage with rest days mentions them."""
    build_up = replace(PROPOSED, current=2)
    assert current_stage(build_up, EN) == "stage 3 of 3: 4 x 3 hours a week"

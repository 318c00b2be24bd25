"""The build-up ladder as an SVG made on the server: one rung per stage (its sessions x hours
and hours a week), the current stage highlighted, and the course since the start drawn over
time as a line that climbs at an advance and drops at a setback or a step back (each move a
marker with a <title>; a drop is a downward triangle, so colour is not the only sign). The
picture has a <title> and a <desc>; the page repeats it as tables. Nothing is fetched or
scripted: every text is escaped, and the colours live in console.css."""

from __future__ import annotations

import datetime as dt
from html import escape

from domain.recovery import BuildUp, Recovery, StageChange
from domain.recovery_events import StageMove, StageSpec
from web.console.messages import Words

LABELS, PLOT, RIGHT = 240, 520, 24  # widths: the rungs' names, the course, a margin
TOP, RUNG, AXIS = 12, 34, 30  # heights
SHORTEST = dt.timedelta(days=14)  # the least time across, so a new build-up is not a dot
DROPS = (StageMove.SETBACK, StageMove.STEP_BACK)


def hours(value: float) -> str:
    return f"{value:g}"


def stage_spec(t: Words, stage: StageSpec) -> str:
    """ "3 x 3 uur = 9 uur per week" """
    return t(
        "stage_spec",
        sessions=stage.sessions,
        hours=hours(stage.hours),
        weekly=hours(stage.weekly_hours),
    )


def ladder_svg(recovery: Recovery, today: dt.date, t: Words) -> str | None:
    """The picture of the case's build-up; None without one."""
    build_up = recovery.build_up
    if build_up is None:
        return None
    count = len(build_up.stages)
    height = TOP + RUNG * count + AXIS
    width = LABELS + PLOT + RIGHT
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" '
            'aria-labelledby="ladder-title ladder-desc" class="ladder">'
        ),
        f'<title id="ladder-title">{escape(t("ladder_title"))}</title>',
        f'<desc id="ladder-desc">{escape(describe(recovery, t))}</desc>',
        *_rungs(build_up, t),
        *_course(recovery.course, build_up, today, t, height),
        "</svg>",
    ]
    return "\n".join(parts)


def describe(recovery: Recovery, t: Words) -> str:
    """The picture in one sentence, for its <desc>."""
    build_up = recovery.build_up
    assert build_up is not None, "described only with a build-up"
    stages = build_up.stages
    now = (
        t("ladder_now", n=build_up.current + 1)
        if build_up.current is not None
        else t("ladder_not_started")
    )
    setbacks = sum(1 for change in recovery.course if change.why in DROPS)
    return t(
        "ladder_desc",
        stages=len(stages),
        low=hours(stages[0].weekly_hours),
        high=hours(stages[-1].weekly_hours),
        target=hours(build_up.target_hours),
        now=now,
        setbacks=setbacks,
    )


def _y(build_up: BuildUp, index: int) -> float:
    """The highest stage on top."""
    return TOP + RUNG * (len(build_up.stages) - 1 - index) + RUNG / 2


def _rungs(build_up: BuildUp, t: Words) -> list[str]:
    parts = []
    for index, stage in enumerate(build_up.stages):
        y = _y(build_up, index)
        current = " current" if index == build_up.current else ""
        label = t(
            "stage_short",
            n=index + 1,
            sessions=stage.sessions,
            hours=hours(stage.hours),
            weekly=hours(stage.weekly_hours),
        )
        parts.append(
            f'<g class="rung{current}" data-stage="{index + 1}">'
            f'<rect x="0" y="{y - RUNG / 2 + 2}" width="{LABELS + PLOT}" height="{RUNG - 4}"/>'
            f'<line x1="{LABELS}" y1="{y}" x2="{LABELS + PLOT}" y2="{y}"/>'
            f'<text x="8" y="{y + 5}">{escape(label)}</text></g>'
        )
    return parts


def _course(
    course: tuple[StageChange, ...], build_up: BuildUp, today: dt.date, t: Words, height: int
) -> list[str]:
    if not course:
        return []
    start = course[0].date
    end = max(today, course[-1].date, start + SHORTEST)
    span = (end - start).days

    def x(day: dt.date) -> float:
        return round(LABELS + 10 + (PLOT - 20) * (day - start).days / span, 1)

    parts = []
    ends = [change.date for change in course[1:]] + [today]
    for number, (change, until) in enumerate(zip(course, ends, strict=True)):
        y = _y(build_up, change.stage - 1)
        current = " current" if number == len(course) - 1 else ""
        parts.append(
            f'<line x1="{x(change.date)}" y1="{y}" x2="{x(until)}" y2="{y}" '
            f'class="course{current}"/>'
        )
        if number:
            before = _y(build_up, course[number - 1].stage - 1)
            parts.append(
                f'<line x1="{x(change.date)}" y1="{before}" x2="{x(change.date)}" y2="{y}" '
                'class="course rise"/>'
            )
    parts += [_move(change, x(change.date), _y(build_up, change.stage - 1), t) for change in course]
    axis = height - AXIS + 18
    parts.append(
        f'<text x="{x(start)}" y="{axis}" class="tick start">{escape(t.date(start))}</text>'
    )
    parts.append(
        f'<line x1="{x(today)}" y1="{TOP}" x2="{x(today)}" y2="{height - AXIS + 4}" class="today">'
        f"<title>{escape(t('today'))} {escape(t.date(today))}</title></line>"
    )
    parts.append(f'<text x="{x(today)}" y="{axis}" class="tick end">{escape(t("today"))}</text>')
    return parts


def _move(change: StageChange, x: float, y: float, t: Words) -> str:
    title = escape(
        f"{t.date(change.date)}: {t('move_' + change.why.value)}, "
        f"{t('stage_label', n=change.stage, spec=stage_spec(t, change.spec))}"
    )
    if change.why in DROPS:  # a downward triangle
        shape = f'<polygon points="{x - 7},{y - 6} {x + 7},{y - 6} {x},{y + 7}"/>'
    else:
        shape = f'<circle cx="{x}" cy="{y}" r="6"/>'
    return f'<g class="move {change.why.value}">{shape}<title>{title}</title></g>'

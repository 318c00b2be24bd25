"""The Poortwachter timeline as an SVG made on the server: weeks 0-104 on the sick-day clock
across, one lane per step, the sick periods (and the fit gaps between linked periods) on top,
each step a marker whose shape and colour say done on time, done late, open or overdue, with a
<title> each and a legend, and a line for today. Nothing is fetched or scripted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from service.case_view import CaseView
from web.console.messages import Words

WEEKS = 104
LABELS, PLOT, RIGHT = 270, 720, 20  # widths: the step names, the weeks, a margin
AXIS, PERIODS, LANE = 34, 30, 24  # heights
WORDS = {"overdue": "overdue_mark"}  # a kind's words, where its key is not the column's
COLOURS = {  # each at least 3:1 against white (WCAG 1.4.11, graphics)
    "done_on_time": "#1a7f37",
    "done_late": "#9a4d00",
    "open": "#0b5cad",
    "overdue": "#c62828",
}


@dataclass(frozen=True)
class Marker:
    step: str
    day: dt.date
    kind: str  # a key of COLOURS
    title: str


def week_at(view: CaseView, day: dt.date) -> float:
    """Where `day` falls on the sick-day clock, in weeks from the first sick day: the fit days
    between linked periods do not count (a day in a gap sits at the gap)."""
    sick_days = 0
    for start, end in view.periods:
        stop = min(day, end) if end is not None else day
        sick_days += max(0, (stop - start).days)
    return min(sick_days / 7, WEEKS)


def markers(view: CaseView, t: Words) -> list[Marker]:
    found = []
    for done in view.done:
        kind = "done_late" if done.late else "done_on_time"
        due = f"{t('due_by')} {t.date(done.due)}" if done.due else t("not_due")
        title = (
            f"{t.step(done.step)}: {t('done_on')} {t.date(done.done_on)}, {due} ({_kind(t, kind)})"
        )
        found.append(Marker(done.step, done.done_on, kind, title))
    for step in view.open_steps:
        kind = "overdue" if step.is_overdue(view.today) else "open"
        title = f"{t.step(step.step)}: {t('due_by')} {t.date(step.due)} ({_kind(t, kind)})"
        found.append(Marker(step.step, step.due, kind, title))
    return found


def timeline_svg(view: CaseView, t: Words) -> str:
    shown = markers(view, t)
    lanes = list(dict.fromkeys(m.step for m in sorted(shown, key=lambda m: m.day)))
    top = AXIS + PERIODS
    height = top + LANE * len(lanes) + 10
    width = LABELS + PLOT + RIGHT
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-labelledby="tl-title tl-desc" '
            'class="timeline">'
        ),
        f'<title id="tl-title">{escape(t("timeline"))}</title>',
        f'<desc id="tl-desc">{escape(t("timeline_desc"))}</desc>',
        *_axis(height),
        *_periods(view, t),
        *_lanes(view, lanes, shown, t),
        *_today(view, t, height),
        "</svg>",
    ]
    return "\n".join(parts)


def _x(week: float) -> float:
    return round(LABELS + PLOT * week / WEEKS, 1)


def _axis(height: int) -> list[str]:
    parts = []
    for week in range(0, WEEKS + 1, 13):
        x = _x(week)
        parts.append(f'<line x1="{x}" y1="{AXIS - 6}" x2="{x}" y2="{height}" class="grid"/>')
        parts.append(f'<text x="{x}" y="{AXIS - 12}" class="tick">{week}</text>')
    return parts


def _periods(view: CaseView, t: Words) -> list[str]:
    parts = []
    y = AXIS + 6
    for start, end in view.periods:
        x1, x2 = _x(week_at(view, start)), _x(week_at(view, end or view.today))
        until = t.date(end) if end else t("today")
        title = f"{t('sick_period')} {t.date(start)} \u2013 {until}"
        parts.append(
            f'<rect x="{x1}" y="{y}" width="{max(x2 - x1, 2)}" height="14" class="period">'
            f"<title>{escape(title)}</title></rect>"
        )
    for (_, gap_start), (gap_end, _) in zip(view.periods, view.periods[1:], strict=False):
        assert gap_start is not None, "a period followed by another has ended"
        x = _x(week_at(view, gap_start))
        days = (gap_end - gap_start).days
        title = f"{t('gap')} {t.date(gap_start)} \u2013 {t.date(gap_end)} ({days} d)"
        parts.append(
            f'<g class="gap"><line x1="{x}" y1="{y - 4}" x2="{x}" y2="{y + 18}"/>'
            f'<rect x="{x - 4}" y="{y - 4}" width="8" height="22"/>'
            f"<title>{escape(title)}</title></g>"
        )
    parts.append(f'<text x="8" y="{y + 12}" class="label">{escape(t("sick_period"))}</text>')
    return parts


def _lanes(view: CaseView, lanes: list[str], shown: list[Marker], t: Words) -> list[str]:
    parts = []
    for number, step in enumerate(lanes):
        y = AXIS + PERIODS + LANE * number + LANE / 2
        parts.append(f'<text x="8" y="{y + 4}" class="label">{escape(t.step(step))}</text>')
        parts.append(f'<line x1="{LABELS}" y1="{y}" x2="{LABELS + PLOT}" y2="{y}" class="lane"/>')
        parts += [_marker(m, _x(week_at(view, m.day)), y) for m in shown if m.step == step]
    return parts


def _marker(marker: Marker, x: float, y: float) -> str:
    """A shape per kind, so that colour is not the only difference (WCAG 1.4.1)."""
    colour, title = COLOURS[marker.kind], f"<title>{escape(marker.title)}</title>"
    attributes = f'class="marker {marker.kind}" data-step="{marker.step}" fill="{colour}"'
    return f"<g {attributes}>{_shape(marker.kind, x, y, colour)}{title}</g>"


def _shape(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "done_late":  # a diamond
        points = f"{x},{y - 7} {x + 7},{y} {x},{y + 7} {x - 7},{y}"
        return f'<polygon points="{points}"/>'
    if kind == "open":  # a ring
        ring = f'fill="#ffffff" stroke="{colour}" stroke-width="2.5"'
        return f'<circle cx="{x}" cy="{y}" r="5.5" {ring}/>'
    if kind == "overdue":  # a triangle
        points = f"{x},{y - 7} {x + 7},{y + 6} {x - 7},{y + 6}"
        return f'<polygon points="{points}"/>'
    return f'<circle cx="{x}" cy="{y}" r="6"/>'  # done on time: a disc


def legend(t: Words) -> list[tuple[str, str]]:
    """The legend's entries: each kind's own small SVG and its words."""
    return [
        (
            (
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" width="16" '
                'height="16" '
                f'aria-hidden="true"><g fill="{colour}">{_shape(kind, 8, 8, colour)}</g></svg>'
            ),
            _kind(t, kind),
        )
        for kind, colour in COLOURS.items()
    ]


def _kind(t: Words, kind: str) -> str:
    return t(WORDS.get(kind, kind))


def _today(view: CaseView, t: Words, height: int) -> list[str]:
    x = _x(week_at(view, view.today))
    return [
        (
            f'<line x1="{x}" y1="{AXIS - 4}" x2="{x}" y2="{height}" class="today">'
            f"<title>{escape(t('today'))} {escape(t.date(view.today))}</title></line>"
        ),
        f'<text x="{x + 3}" y="{AXIS + 2}" class="today-label">{escape(t("today"))}</text>',
    ]

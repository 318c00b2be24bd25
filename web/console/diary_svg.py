"""The diary's trend as an SVG made on the server: days across, scores 1-10 up, one line each
for energy, stress and motivation. Each line has its own colour, dash and point shape (colour is
not the only difference), each point a <title>, the picture a <title> and <desc>; the page
shows the same days as a table. Styled by classes in console.css: the CSP allows no inline
style, and nothing is scripted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape
from statistics import fmean

from domain.diary import DiaryEntry
from web.console.messages import Words

SERIES = ("energy", "stress", "motivation")
WIDTH, HEIGHT = 760, 300
LEFT, RIGHT, TOP, BOTTOM = 40, 150, 16, 40  # margins: the scale, the legend, the day labels
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
PAD = 14  # the first and last day sit this far inside the grid, clear of the scale
RECENT_DAYS = 7


def diary_svg(entries: Sequence[DiaryEntry], t: Words) -> str:
    """The chart of `entries` (sorted by day); empty when there are none."""
    if not entries:
        return ""
    first, last = entries[0].date, entries[-1].date
    span = (last - first).days

    def x(entry: DiaryEntry) -> float:
        share = 0.5 if span == 0 else (entry.date - first).days / span
        return round(LEFT + PAD + (PLOT_W - 2 * PAD) * share, 1)

    desc = t("diary_chart_desc", first=t.date(first), last=t.date(last), n=len(entries))
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" '
            'aria-labelledby="diary-title diary-desc" class="diary-chart">'
        ),
        f'<title id="diary-title">{escape(t("diary_chart_title"))}</title>',
        f'<desc id="diary-desc">{escape(desc)}</desc>',
        *_scale(),
        *_days(first, last, t),
    ]
    for number, name in enumerate(SERIES):
        points = [(x(entry), _y(getattr(entry, name)), entry) for entry in entries]
        line = " ".join(f"{px},{py}" for px, py, _ in points)
        parts.append(f'<g class="series {name}">')
        parts.append(f'<polyline points="{line}" class="line"/>')
        for px, py, entry in points:
            title = f"{t.date(entry.date)}: {t(name)} {getattr(entry, name)}"
            parts.append(f"{_point(name, px, py)}<title>{escape(title)}</title></g>")
        parts.append(_legend(number, name, t))
        parts.append("</g>")
    parts.append("</svg>")
    return "\n".join(parts)


def _days(first: dt.date, last: dt.date, t: Words) -> list[str]:
    """The first and the last day under the grid; a single day in the middle."""
    y = HEIGHT - 14
    if first == last:
        return [f'<text x="{LEFT + PLOT_W / 2}" y="{y}" class="day middle">{_day(first, t)}</text>']
    return [
        f'<text x="{LEFT + PAD}" y="{y}" class="day">{_day(first, t)}</text>',
        f'<text x="{LEFT + PLOT_W - PAD}" y="{y}" class="day end">{_day(last, t)}</text>',
    ]


def _day(day: dt.date, t: Words) -> str:
    return escape(t.date(day))


def _y(score: int) -> float:
    return round(TOP + PLOT_H * (10 - score) / 9, 1)


def _scale() -> list[str]:
    parts = []
    for score in range(1, 11):
        y = _y(score)
        parts.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + PLOT_W}" y2="{y}" class="grid"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{y + 4}" class="score">{score}</text>')
    return parts


def _point(name: str, x: float, y: float) -> str:
    """An open <g> with the point's shape: a disc, a square or a triangle."""
    if name == "stress":
        return f'<g class="point"><rect x="{x - 4.5}" y="{y - 4.5}" width="9" height="9"/>'
    if name == "motivation":
        triangle = f"{x},{y - 6} {x + 6},{y + 5} {x - 6},{y + 5}"
        return f'<g class="point"><polygon points="{triangle}"/>'
    return f'<g class="point"><circle cx="{x}" cy="{y}" r="4.5"/>'


def _legend(number: int, name: str, t: Words) -> str:
    x, y = LEFT + PLOT_W + 20, TOP + 12 + 24 * number
    return (
        f'<g class="legend" aria-hidden="true"><line x1="{x}" y1="{y}" x2="{x + 30}" y2="{y}" '
        f'class="line"/>{_point(name, x + 15, y)}</g>'
        f'<text x="{x + 38}" y="{y + 4}">{escape(t(name))}</text></g>'
    )


def summary(entries: Sequence[DiaryEntry], t: Words) -> str:
    """The means of the last seven days (counted back from the latest entry), in words."""
    if not entries:
        return ""
    latest = entries[-1].date
    recent = [e for e in entries if (latest - e.date).days < RECENT_DAYS]
    means = {name: _number(fmean(getattr(e, name) for e in recent), t) for name in SERIES}
    return t("diary_summary", n=len(recent), **means)


def _number(value: float, t: Words) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if t.language == "nl" else text

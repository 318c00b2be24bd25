"""The diary's trend as a small SVG line chart: one line each for energy, stress and motivation,
days along the bottom, 1-10 up the side. Plain SVG, readable in any browser."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from domain.diary import DiaryEntry

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 280, 40, 110, 20, 40
SERIES = (("energy", "#2a9d8f"), ("stress", "#e76f51"), ("motivation", "#264653"))


def svg(entries: Sequence[DiaryEntry]) -> str:
    first, last = entries[0].date, entries[-1].date
    span = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(entry: DiaryEntry) -> float:
        return LEFT + plot_w * (entry.date - first).days / span

    def y(score: int) -> float:
        return TOP + plot_h * (10 - score) / 9

    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
            f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">'
        ),
        f"<title>Diary {first} to {last}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
    ]
    for score in (1, 4, 7, 10):
        parts.append(
            f'<line x1="{LEFT}" y1="{y(score):.1f}" x2="{LEFT + plot_w}" y2="{y(score):.1f}" '
            f'stroke="#ddd"/><text x="{LEFT - 8}" y="{y(score) + 4:.1f}" text-anchor="end">'
            f"{score}</text>"
        )
    for day, anchor in ((first, "start"), (last, "end")):
        at = LEFT if anchor == "start" else LEFT + plot_w
        parts.append(f'<text x="{at}" y="{HEIGHT - 15}" text-anchor="{anchor}">{day}</text>')
    for number, (name, colour) in enumerate(SERIES):
        points = " ".join(f"{x(e):.1f},{y(getattr(e, name)):.1f}" for e in entries)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        legend_y = TOP + 14 + 18 * number
        parts.append(
            f'<line x1="{WIDTH - RIGHT + 12}" y1="{legend_y - 4}" x2="{WIDTH - RIGHT + 30}" '
            f'y2="{legend_y - 4}" stroke="{colour}" stroke-width="3"/>'
            f'<text x="{WIDTH - RIGHT + 36}" y="{legend_y}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"

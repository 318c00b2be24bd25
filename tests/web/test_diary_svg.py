"""The diary's chart by its content: three lines with a point per day, placed by day and
score, a <title> and <desc> that say what it shows, the same day in the middle when it is the
only one; the summary of the last seven days; and the employee's open steps in plain words."""

from __future__ import annotations

import datetime as dt
import re

from domain.diary import DiaryEntry
from domain.law_calendar import OpenStep
from domain.steps import Step
from service.case_view import CaseView
from service.ports import CaseStatus
from web.console.diary_svg import LEFT, PAD, PLOT_W, diary_svg, summary
from web.console.employee_pages import plain_steps
from web.console.messages import Words

DUTCH, ENGLISH = Words("nl"), Words("en")
DAY = dt.date(2026, 3, 2)


def entry(days: int, energy: int, stress: int, motivation: int) -> DiaryEntry:
    return DiaryEntry(
        date=DAY + dt.timedelta(days=days), energy=energy, stress=stress, motivation=motivation
    )


def test_each_score_is_a_line_with_a_point_a_day() -> None:
    """One polyline per score, as many points as days, from the left edge to the right."""
    svg = diary_svg([entry(0, 2, 9, 3), entry(5, 6, 5, 6), entry(10, 8, 2, 9)], DUTCH)
    lines = dict(re.findall(r'<g class="series (\w+)">\n<polyline points="([^"]+)"', svg))
    assert set(lines) == {"energy", "stress", "motivation"}
    for points in lines.values():
        xs = [float(point.split(",")[0]) for point in points.split()]
        assert xs == [LEFT + PAD, LEFT + PLOT_W / 2, LEFT + PLOT_W - PAD]
    energy_ys = [float(point.split(",")[1]) for point in lines["energy"].split()]
    assert energy_ys == sorted(energy_ys, reverse=True)  # higher scores sit higher up
    assert "<title>do 12 mrt 2026: Energie 8</title>" in svg


def test_the_chart_says_what_it_shows() -> None:
    """role="img" labelled by its <title> and <desc>, in the page's language."""
    svg = diary_svg([entry(0, 5, 5, 5), entry(1, 6, 4, 6)], ENGLISH)
    assert 'role="img" aria-labelledby="diary-title diary-desc"' in svg
    assert '<title id="diary-title">Diary: energy, stress and motivation</title>' in svg
    assert "from Mon 2 Mar 2026 to Tue 3 Mar 2026; days filled in: 2." in svg
    assert "style=" not in svg  # the CSP allows no inline style: classes only


def test_a_single_day_sits_in_the_middle_and_no_days_draw_nothing() -> None:
    svg = diary_svg([entry(0, 5, 5, 5)], DUTCH)
    assert f'<polyline points="{LEFT + PLOT_W / 2},' in svg
    assert diary_svg([], DUTCH) == ""
    assert summary([], DUTCH) == ""


def test_the_summary_is_the_mean_of_the_last_seven_days() -> None:
    """Counted back from the latest day; a day eight days earlier is left out."""
    days = [entry(0, 1, 10, 1), entry(8, 6, 4, 7), entry(9, 7, 5, 8)]
    assert summary(days, DUTCH) == (
        "Gemiddeld over de laatste 7 dagen (2 ingevuld): energie 6,5, stress 4,5, motivatie 7,5."
    )
    assert "energy 6.5" in summary(days, ENGLISH)


def test_every_step_has_a_plain_sentence_saying_who_acts_and_by_when() -> None:
    """The employee reads whose turn it is and the date; a passed date is marked."""
    today = dt.date(2026, 3, 20)
    steps = [OpenStep(dt.date(2026, 3, 10), step) for step in Step]
    view = CaseView(
        "E1042-20260302", "E1042", "Jan", CaseStatus.SICK, DAY, None, 1, today, steps, []
    )
    sentences = plain_steps(view, DUTCH)
    assert len(sentences) == len(Step)
    assert sentences[1] == (
        "Uw bedrijfsarts houdt een eerste consult met u, uiterlijk di 10 mrt 2026.",
        True,
    )
    ends = {Step.WAGE_CONTINUATION_END}  # an end: its last day, the day before, "tot en met"
    assert all(
        "di 10 mrt 2026" in sentence
        for (sentence, _), step in zip(sentences, Step, strict=True)
        if step not in ends
    )
    wage = sentences[list(Step).index(Step.WAGE_CONTINUATION_END)][0]
    assert wage == "Uw werkgever betaalt uw loon door tot en met ma 9 mrt 2026."

"""The mutation report keeps the justified (equivalent) mutants apart from the unexplained ones,
and a justification applies only to the mutant it was written for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tools.mutation_report import AreaResults, Justification, Survivor, load_justifications, render

DIFF = """--- domain/case.py
+++ domain/case.py
@@ -1,3 +1,3 @@
-    numbered = list(zip(numbers, events, strict=True))
+    numbered = list(zip(numbers, events, strict=None))
"""
SURVIVOR = Survivor("domain.case.x_replay__mutmut_9", "survived", "domain/case.py", DIFF)
OTHER = Survivor("domain.case.x_replay__mutmut_10", "survived", "domain/case.py", DIFF)
STRICT_NONE = Justification("domain.case.x_replay__mutmut_9", "strict=None", "equal lengths")


def results(*survivors: Survivor, justifications: list[Justification]) -> AreaResults:
    statuses = Counter({"killed": 8, "survived": len(survivors)})
    return AreaResults("domain", statuses, list(survivors), justifications)


def test_a_justification_covers_its_mutant_only_while_the_mutant_makes_its_change() -> None:
    """The name alone is not enough: mutmut renumbers a function's mutants when it changes, so
    the changed line must still contain the justified change (not just the removed line)."""
    assert STRICT_NONE.covers(SURVIVOR)
    assert not STRICT_NONE.covers(OTHER)
    assert not Justification(SURVIVOR.name, "strict=True", "reason").covers(SURVIVOR)


def test_justified_survivors_are_counted_apart_and_still_lower_the_score() -> None:
    """Unexplained are the survivors no justification covers; the score counts only the
    detected (8 of 10 here), justified or not."""
    area = results(SURVIVOR, OTHER, justifications=[STRICT_NONE])
    assert [(s.name, j.reason) for s, j in area.justified] == [(SURVIVOR.name, "equal lengths")]
    assert area.unexplained == [OTHER]
    assert area.score == 80.0
    report = render([area])
    assert "| domain | 10 | 8 | 0 | 2 | 0 | 1 | 1 | 0 | 80.0% |" in report
    assert "## domain: 1 unexplained survivors" in report
    assert "## domain: 1 justified (equivalent)" in report


def test_a_justification_that_covers_no_survivor_is_reported_as_stale() -> None:
    """Killed since, or its mutant moved: the list must not keep reasons for nothing."""
    area = results(OTHER, justifications=[STRICT_NONE])
    assert area.stale == [STRICT_NONE]
    assert "Stale justification (domain): `domain.case.x_replay__mutmut_9`" in render([area])


def test_the_project_justifications_name_a_mutant_a_change_and_a_reason(tmp_path: Path) -> None:
    """tools/equivalent_mutants.toml loads by area; a missing file justifies nothing."""
    listed = load_justifications(Path(__file__).parents[2] / "tools" / "equivalent_mutants.toml")
    assert listed["domain"]
    assert all(j.mutant.startswith("domain.") and j.change and j.reason for j in listed["domain"])
    assert load_justifications(tmp_path / "none.toml") == {}

"""The shared scenarios (copied from shared/scenarios): a case document in, the exact law steps out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli.main import main
from tests.helpers import law_steps

SCENARIOS = Path(__file__).parent / "scenarios"
NAMES = sorted(path.name.removesuffix(".case.json") for path in SCENARIOS.glob("*.case.json"))


def _expected(name: str) -> list[tuple[str, str]]:
    rows = json.loads((SCENARIOS / f"{name}.expected.json").read_text())
    return [(row["step"], row["due"]) for row in rows]


def test_all_fourteen_scenarios_are_present() -> None:
    """The six of the spec and the eight worked examples of UWV-TRACKS.md, none left out."""
    assert len(NAMES) == 14


@pytest.mark.parametrize("name", NAMES)
def test_domain_gives_exactly_the_expected_steps(name: str) -> None:
    case = json.loads((SCENARIOS / f"{name}.case.json").read_text())
    assert law_steps(case["as_of"], *case["events"]) == _expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_cli_json_gives_exactly_the_expected_steps(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deadlines", str(SCENARIOS / f"{name}.case.json"), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(row["step"], row["due"]) for row in rows] == _expected(name)

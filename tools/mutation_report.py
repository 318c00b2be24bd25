"""The mutation report: each area's score, then every surviving mutant as a diff.

A mutant is detected when a test failed on it (killed), it ran out of time or crashed the run;
it survives when every test passed (survived) or no selected test runs its function (no tests).
The score is the detected share of all mutants that were judged; mutants mutmut did not get to
(not checked, skipped, interrupted) are counted apart and leave the score alone.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

DETECTED = ("killed", "timeout", "segfault", "caught by type check")
SURVIVING = ("survived", "no tests", "suspicious")


@dataclass
class Survivor:
    name: str
    status: str
    path: str
    diff: str


@dataclass
class AreaResults:
    area: str
    statuses: Counter[str] = field(default_factory=Counter)
    survivors: list[Survivor] = field(default_factory=list)

    @property
    def judged(self) -> int:
        return sum(self.statuses[s] for s in (*DETECTED, *SURVIVING))

    @property
    def score(self) -> float:
        detected = sum(self.statuses[s] for s in DETECTED)
        return 100 * detected / self.judged if self.judged else 0.0


@contextmanager
def _inside(copy: Path) -> Iterator[None]:
    """mutmut reads its configuration and results from the working directory."""
    from mutmut.configuration import reset_config  # noqa: PLC0415 (only with mutmut installed)

    before = Path.cwd()
    os.chdir(copy)
    reset_config()
    try:
        yield
    finally:
        os.chdir(before)
        reset_config()


def area_results(copy: Path) -> AreaResults:
    """The results mutmut keeps under `copy`/mutants, with a diff for each survivor."""
    from mutmut.mutation.data import SourceFileMutationData  # noqa: PLC0415
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # noqa: PLC0415
    from mutmut.stats import status_by_exit_code  # noqa: PLC0415
    from mutmut.utils.file_utils import walk_mutatable_files  # noqa: PLC0415

    results = AreaResults(copy.name)
    with _inside(copy):
        for path in walk_mutatable_files():
            data = SourceFileMutationData(path=path)
            data.load()
            for name, exit_code in sorted(data.exit_code_by_key.items()):
                status = status_by_exit_code[exit_code]
                results.statuses[status] += 1
                if status in SURVIVING:
                    diff = get_diff_for_mutant(name, path=path)
                    results.survivors.append(Survivor(name, status, str(path), diff))
    return results


def render(results: list[AreaResults], survivors: bool = True) -> str:
    """Markdown: the scores as a table, then (with `survivors`) each survivor's diff."""
    today = dt.datetime.now(dt.UTC).date()
    lines = [
        f"# Mutation report ({today}, mutmut {version('mutmut')})",
        "",
        "| area | mutants | killed | timeout/crash | survived | no tests | not judged | score |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for area in results:
        s = area.statuses
        lines.append(
            f"| {area.area} | {s.total()} | {s['killed']} "
            f"| {s['timeout'] + s['segfault'] + s['caught by type check']} "
            f"| {s['survived'] + s['suspicious']} | {s['no tests']} "
            f"| {s.total() - area.judged} | {area.score:.1f}% |"
        )
    if survivors:
        for area in results:
            lines += ["", f"## {area.area}: {len(area.survivors)} surviving", ""]
            for survivor in area.survivors:
                lines += [f"### `{survivor.name}` ({survivor.status})", "", "```diff"]
                lines += [survivor.diff.rstrip(), "```", ""]
    return "\n".join(lines) + "\n"

"""The mutation report: each area's score, then every surviving mutant as a diff.

A mutant is detected when a test failed on it (killed), it ran out of time or crashed the run;
it survives when every test passed (survived) or no selected test runs its function (no tests).
The score is the detected share of all mutants that were judged; mutants mutmut did not get to
(not checked, skipped, interrupted) are counted apart and leave the score alone.

A survivor that changes nothing a caller can observe (an equivalent mutant) is justified in
tools/equivalent_mutants.toml, with the reason; the report lists it apart from the unexplained
survivors, and it still counts as not detected. A justification names the mutant and a piece of
the line it changes: if the code moves and mutmut's name comes to mean another mutant, it no
longer applies (that survivor shows up unexplained, the justification as stale).
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections import Counter
from collections.abc import Iterator, Sequence
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


@dataclass(frozen=True)
class Justification:
    """Why a surviving mutant is equivalent: `mutant` (mutmut's name) changes a line so that
    it contains `change`, and `reason` says why that changes nothing."""

    mutant: str
    change: str
    reason: str

    def covers(self, survivor: Survivor) -> bool:
        added = (
            line[1:]
            for line in survivor.diff.splitlines()
            if line.startswith("+") and not line.startswith("+++")
        )
        return survivor.name == self.mutant and any(self.change in line for line in added)


def load_justifications(path: Path) -> dict[str, list[Justification]]:
    """The justifications of each area: `[[AREA]]` tables of `mutant`, `change` and `reason`."""
    if not path.is_file():
        return {}
    return {
        area: [Justification(**entry) for entry in entries]
        for area, entries in tomllib.loads(path.read_text()).items()
    }


@dataclass
class AreaResults:
    area: str
    statuses: Counter[str] = field(default_factory=Counter)
    survivors: list[Survivor] = field(default_factory=list)
    justifications: list[Justification] = field(default_factory=list)

    def justification(self, survivor: Survivor) -> Justification | None:
        return next((j for j in self.justifications if j.covers(survivor)), None)

    @property
    def justified(self) -> list[tuple[Survivor, Justification]]:
        """The survivors shown to be equivalent, each with its justification."""
        return [(s, j) for s in self.survivors if (j := self.justification(s)) is not None]

    @property
    def unexplained(self) -> list[Survivor]:
        """The survivors no justification covers: each a rule the tests do not pin down."""
        return [s for s in self.survivors if self.justification(s) is None]

    @property
    def stale(self) -> list[Justification]:
        """Justifications that cover no survivor: killed since, or their mutant moved."""
        return [j for j in self.justifications if not any(j.covers(s) for s in self.survivors)]

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


def area_results(copy: Path, justifications: Sequence[Justification] = ()) -> AreaResults:
    """The results mutmut keeps under `copy`/mutants, with a diff for each survivor, judged
    against the area's `justifications`."""
    from mutmut.mutation.data import SourceFileMutationData  # noqa: PLC0415
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # noqa: PLC0415
    from mutmut.stats import status_by_exit_code  # noqa: PLC0415
    from mutmut.utils.file_utils import walk_mutatable_files  # noqa: PLC0415

    results = AreaResults(copy.name, justifications=list(justifications))
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


HEADER = (
    "| area | mutants | killed | timeout/crash | survived | no tests | justified | unexplained "
    "| not judged | score |"
)
LEGEND = (
    "Survived and no tests count every survivor; of those, the justified are equivalent "
    "(tools/equivalent_mutants.toml, with the reasons below) and the unexplained are not. "
    "The score is the share detected (killed, timeout or crash) of the mutants judged."
)


def render(results: list[AreaResults], survivors: bool = True) -> str:
    """Markdown: the scores as a table and any stale justification, then (with `survivors`)
    each unexplained survivor's diff, then each justified one's with its reason."""
    today = dt.datetime.now(dt.UTC).date()
    lines = [f"# Mutation report ({today}, mutmut {version('mutmut')})", "", LEGEND, ""]
    lines += [HEADER, "|---" * HEADER.count("|", 1) + "|"]
    for area in results:
        s = area.statuses
        lines.append(
            f"| {area.area} | {s.total()} | {s['killed']} "
            f"| {s['timeout'] + s['segfault'] + s['caught by type check']} "
            f"| {s['survived'] + s['suspicious']} | {s['no tests']} "
            f"| {len(area.justified)} | {len(area.unexplained)} "
            f"| {s.total() - area.judged} | {area.score:.1f}% |"
        )
    stale = [(area.area, j) for area in results for j in area.stale]
    if stale:
        lines.append("")
    for name, justification in stale:
        lines.append(
            f"Stale justification ({name}): `{justification.mutant}` no longer survives "
            f"with a change containing `{justification.change}`."
        )
    if survivors:
        for area in results:
            lines += ["", f"## {area.area}: {len(area.unexplained)} unexplained survivors", ""]
            for survivor in area.unexplained:
                lines += [f"### `{survivor.name}` ({survivor.status})", "", "```diff"]
                lines += [survivor.diff.rstrip(), "```", ""]
            if area.justified:
                lines += ["", f"## {area.area}: {len(area.justified)} justified (equivalent)", ""]
            for survivor, justification in area.justified:
                lines += [f"### `{survivor.name}` ({survivor.status})", ""]
                lines += [justification.reason, "", "```diff", survivor.diff.rstrip(), "```", ""]
    return "\n".join(lines) + "\n"

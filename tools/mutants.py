"""`make mutants [AREAS="domain hash-chain"]`: mutation testing with mutmut, one area at a time.

mutmut changes the code one small step at a time (a `<` for a `<=`, a dropped argument, another
number) and runs the tests against each change; a change that no test notices survives, and
points at a rule the tests do not pin down. pyproject's [tool.mutmut] is the configuration and
[tool.reintegration.mutation-areas] names the areas: what each mutates and which tests judge it.
Each area runs in its own copy of the project under .mutants/AREA, so its mutants meet only its
own tests (a domain mutant is judged by the fast domain tests, not by the whole store suite) and
its results stay there between runs: mutmut re-tests only the functions that changed since.

    python -m tools.mutants [AREA ...] [--fresh] [--report PATH]

writes the report (each area's score, then every surviving mutant as a diff, the equivalent
ones listed in tools/equivalent_mutants.toml apart, with their reasons) to .mutants/report.md,
covering every area that has results, and prints the scores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import IO

from tools.mutation_report import area_results, load_justifications, render

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / ".mutants"
EQUIVALENT = ROOT / "tools" / "equivalent_mutants.toml"


def areas(pyproject: dict[str, object]) -> dict[str, dict[str, list[str]]]:
    tool = pyproject["tool"]
    assert isinstance(tool, dict)
    found: dict[str, dict[str, list[str]]] = tool["reintegration"]["mutation-areas"]
    return found


def project_files() -> list[str]:
    """The files of the project as it stands: tracked, and new ones git does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


def area_pyproject(text: str, area: dict[str, list[str]]) -> str:
    """The project's pyproject.toml with [tool.mutmut] narrowed to one area (which may also
    set other mutmut options of its own, such as `pytest_add_cli_args`)."""
    config = tomllib.loads(text)["tool"]["mutmut"]
    own = {key: value for key, value in area.items() if key not in ("mutate", "tests")}
    config |= own | {
        "only_mutate": area["mutate"],
        "pytest_add_cli_args_test_selection": area["tests"],
    }
    section = re.compile(r"^\[tool\.mutmut\]\n(?:(?!^\[).*\n?)*", re.MULTILINE)
    lines = [f"{key} = {json.dumps(value)}" for key, value in config.items()]
    return section.sub("", text).rstrip() + "\n\n[tool.mutmut]\n" + "\n".join(lines) + "\n"


def prepare(name: str, area: dict[str, list[str]], fresh: bool) -> Path:
    """.mutants/NAME: a copy of the project (mtimes kept, so mutmut sees what changed), and
    mutmut's own results from earlier runs unless `fresh`."""
    copy = WORK / name
    copy.mkdir(parents=True, exist_ok=True)
    for entry in copy.iterdir():
        if entry.is_dir() and (entry.name != "mutants" or fresh):
            shutil.rmtree(entry)
        elif not entry.is_dir():
            entry.unlink()
    for file in project_files():
        (copy / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / file, copy / file)
    pyproject = area_pyproject((ROOT / "pyproject.toml").read_text(), area)
    (copy / "pyproject.toml").write_text(pyproject)
    return copy


def run(copy: Path) -> None:
    """mutmut over the copy, on every core: the mutants of functions new or changed since the
    last run, then once more the earlier survivors, which tests written since may kill (mutmut
    itself keeps a verdict until the function changes). Its output goes to .mutants/NAME.log."""
    earlier = _survivors(copy) if (copy / "mutants").is_dir() else set()
    log = WORK / f"{copy.name}.log"
    with log.open("w") as output:
        _mutmut(copy, [], output)
        if again := sorted(earlier & _survivors(copy)):
            _mutmut(copy, again, output)


def _mutmut(copy: Path, names: list[str], output: IO[str]) -> None:
    jobs = str(os.cpu_count() or 2)
    command = [sys.executable, "-m", "mutmut", "run", "--max-children", jobs, *names]
    done = subprocess.run(command, cwd=copy, stdout=output, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        sys.exit(f"mutants: mutmut failed on {copy.name}; see {output.name}")


def _survivors(copy: Path) -> set[str]:
    return {survivor.name for survivor in area_results(copy).survivors}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("areas", nargs="*", help="areas to run (default: all)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results")
    parser.add_argument("--report", type=Path, default=WORK / "report.md")
    args = parser.parse_args(argv)
    known = areas(tomllib.loads((ROOT / "pyproject.toml").read_text()))
    if unknown := set(args.areas) - set(known):
        parser.error(f"unknown area(s) {', '.join(sorted(unknown))} (known: {', '.join(known)})")
    for name in args.areas or list(known):
        print(f"mutants: {name} ...", flush=True)
        run(prepare(name, known[name], args.fresh))
    justified = load_justifications(EQUIVALENT)
    if unknown := set(justified) - set(known):
        sys.exit(f"mutants: {EQUIVALENT.name} names unknown area(s) {', '.join(sorted(unknown))}")
    results = [
        area_results(WORK / name, justified.get(name, []))
        for name in known
        if (WORK / name / "mutants").is_dir()
    ]
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(render(results))
    print(render(results, survivors=False), end="")
    print(f"mutants: the report, with every surviving mutant, is in {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

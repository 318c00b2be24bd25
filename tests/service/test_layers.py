"""The layers stay apart: the use cases reach storage only through their ports, and the CLI
holds no rules (it never touches the store's tables or the domain's fold)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


@pytest.mark.parametrize("path", sorted((ROOT / "service").glob("*.py")), ids=lambda p: p.name)
def test_use_cases_reach_storage_only_through_the_ports(path: Path) -> None:
    """No SQL, no ORM, no store adapter in service/ (the hash chain's pure checks excepted)."""
    allowed = {"adapters.store.hash_chain"}
    storage = {
        m
        for m in imported_modules(path)
        if m.split(".")[0] in {"sqlalchemy", "sqlmodel", "alembic"}
        or (m.startswith("adapters.store") and m not in allowed)
    }
    assert storage == set()


@pytest.mark.parametrize("path", sorted((ROOT / "cli").glob("*.py")), ids=lambda p: p.name)
def test_the_cli_parses_and_prints_and_leaves_the_rules_to_the_use_cases(path: Path) -> None:
    """The CLI never reaches the tables, the case log or the fold directly. `deadlines` is the
    exception by design: it folds the case documents it is given, and never opens the store."""
    banned = {"adapters.store.tables", "adapters.store.case_log", "domain.case"}
    if path.name == "deadlines.py":
        banned = {m for m in banned if m.startswith("adapters")}
    assert imported_modules(path) & banned == set()


@pytest.mark.parametrize("path", sorted((ROOT / "web").rglob("*.py")), ids=lambda p: p.name)
def test_the_rest_api_renders_the_use_cases_and_holds_no_rules(path: Path) -> None:
    """Like the CLI, the API and the console never reach the tables, the case log, the fold or the roles."""
    banned = {"adapters.store.tables", "adapters.store.case_log", "domain.case", "domain.roles"}
    assert imported_modules(path) & banned == set()


def test_the_checks_above_can_fail(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text("from adapters.store.tables import CaseRow\nimport sqlalchemy\n")
    assert imported_modules(module) == {"adapters.store.tables", "sqlalchemy"}

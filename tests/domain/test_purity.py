"""The domain is pure by construction: standard library and pydantic only, and no clock reads."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DOMAIN = Path(__file__).parents[2] / "domain"
MODULES = sorted(DOMAIN.glob("*.py"))
ALLOWED = set(sys.stdlib_module_names) | {"pydantic", "domain", "__future__"}
CLOCK_READS = {"today", "now", "utcnow", "time", "monotonic", "perf_counter"}


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_modules_import_only_the_standard_library_and_pydantic(path: Path) -> None:
    imported = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert imported <= ALLOWED, imported - ALLOWED


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_modules_never_read_the_clock(path: Path) -> None:
    calls = {
        node.func.attr
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & CLOCK_READS


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_modules_do_no_io(path: Path) -> None:
    names = {node.id for node in ast.walk(_tree(path)) if isinstance(node, ast.Name)}
    assert not names & {"open", "print", "input"}

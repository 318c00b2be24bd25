"""The domain is pure by construction, checked on each module's syntax tree: it imports only
named standard-library modules that do no I/O, pydantic and itself, and it calls nothing that
reads the clock or the environment or touches files, sockets or processes, whether by name
(`open(...)`) or as an attribute (`Path(...).read_text()`, `socket.create_connection(...)`).
The checker is shown to catch each banned import and call on small sources of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).parents[2] / "domain"
MODULES = sorted(DOMAIN.glob("*.py"))

# Standard-library modules without I/O, by full name (`collections` does not admit `os.path`).
PURE_STDLIB = frozenset(
    {
        "__future__",
        "bisect",
        "collections",
        "collections.abc",
        "dataclasses",
        "datetime",
        "decimal",
        "enum",
        "fractions",
        "functools",
        "heapq",
        "itertools",
        "math",
        "operator",
        "re",
        "statistics",
        "typing",
        "unicodedata",
    }
)
OWN_PACKAGES = (
    "pydantic",
    "pydantic_core",
    "domain",
)  # and their submodules (pydantic_core: its schemas)

# Calls that do I/O, read the clock or the environment, or escape the checks above.
BANNED_CALLS = frozenset(
    {
        *("open", "print", "input", "breakpoint", "exec", "eval", "__import__"),
        *("read_text", "write_text", "read_bytes", "write_bytes", "mkdir", "unlink", "glob"),
        *("connect", "create_connection", "urlopen", "socket", "getaddrinfo", "gethostname"),
        *("now", "today", "utcnow", "time", "time_ns", "monotonic", "perf_counter", "sleep"),
        *("localtime", "gmtime", "process_time"),
        *("getenv", "putenv", "system", "popen", "Popen", "check_output", "urandom"),
    }
)
BANNED_NAMES = frozenset({"environ", "stdin", "stdout", "stderr", "argv"})  # read, not called


def impure_imports(tree: ast.Module) -> set[str]:
    """The modules `tree` imports that are neither pure standard library, pydantic nor domain."""
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module)
    return {
        name
        for name in imported
        if name not in PURE_STDLIB and name.split(".")[0] not in OWN_PACKAGES
    }


def impure_uses(tree: ast.Module) -> set[str]:
    """Banned calls in `tree`, by name or attribute, and banned names read in any way."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in BANNED_CALLS:
                found.add(f"{name}()")
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if isinstance(node, ast.Name | ast.Attribute) and name in BANNED_NAMES:
            found.add(str(name))
    return found


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_modules_import_only_pure_standard_modules_pydantic_and_the_domain(
    path: Path,
) -> None:
    assert impure_imports(_tree(path)) == set()


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_domain_modules_do_no_io_and_never_read_the_clock_or_the_environment(
    path: Path,
) -> None:
    assert impure_uses(_tree(path)) == set()


IMPURE_MODULES = [
    *("os", "os.path", "sys", "io", "pathlib", "socket", "ssl", "select", "subprocess"),
    *("shutil", "tempfile", "glob", "sqlite3", "urllib.request", "http.client", "asyncio"),
    *("threading", "time", "random", "secrets", "logging", "importlib", "pickle", "sqlalchemy"),
    "zoneinfo",  # reads the time zone database from disk
]


@pytest.mark.parametrize("module", IMPURE_MODULES)
@pytest.mark.parametrize("form", ["import {m}", "import {m} as alias", "from {m} import name"])
def test_the_import_check_catches_a_module_outside_the_allow_list(module: str, form: str) -> None:
    assert impure_imports(ast.parse(form.format(m=module))) == {module}


@pytest.mark.parametrize("module", [*sorted(PURE_STDLIB), "pydantic.fields", "domain.events"])
def test_the_import_check_admits_the_allow_list(module: str) -> None:
    """The counterpart: the check flags what is outside the list, not every import."""
    assert impure_imports(ast.parse(f"import {module}\nfrom {module} import name")) == set()


@pytest.mark.parametrize("name", sorted(BANNED_CALLS))
def test_the_call_check_catches_each_banned_call_by_name_and_as_an_attribute(name: str) -> None:
    for source in (f"{name}('x')", f"thing.{name}('x')", f"Thing('a').{name}()"):
        assert impure_uses(ast.parse(source)) == {f"{name}()"}, source


@pytest.mark.parametrize(
    "source",
    [
        "socket.create_connection(('example.org', 443))",
        "Path('notes.txt').read_text()",
        "dt.datetime.now(dt.UTC)",
        "dt.date.today()",
        "os.getenv('HOME')",
        "urllib.request.urlopen('https://example.org')",
        "subprocess.Popen(['ls'])",
    ],
)
def test_the_call_check_catches_io_and_clock_reads_written_as_in_real_code(source: str) -> None:
    assert impure_uses(ast.parse(source)) != set()


@pytest.mark.parametrize("name", sorted(BANNED_NAMES))
def test_the_name_check_catches_reading_the_environment_or_standard_streams(name: str) -> None:
    for source in (f"x = os.{name}", f"x = {name}['HOME']", f"from os import {name}\n{name}"):
        assert impure_uses(ast.parse(source)) == {name}, source


def test_pure_code_passes_the_call_check() -> None:
    """The counterpart: date arithmetic and pydantic validation are not flagged."""
    source = "d = dt.date(2026, 1, 5) + dt.timedelta(days=7)\nModel.model_validate({'a': 1})"
    assert impure_uses(ast.parse(source)) == set()

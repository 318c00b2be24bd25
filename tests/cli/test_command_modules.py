"""`reintegration COMMAND` imports only COMMAND's module under cli/ and builds only its
parsers; `COMMANDS` must name every command's module, in the order of the help."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest

from cli.main import COMMANDS, build_parser
from cli.recording import FACT_OPTIONS
from service.recording import SICK_FACTS
from tests.helpers import free_port


def commands_of(parser: argparse.ArgumentParser) -> list[str]:
    [subparsers] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(subparsers.choices)


def test_the_table_lists_every_command_in_the_order_of_the_help() -> None:
    assert commands_of(build_parser()) == list(COMMANDS)


@pytest.mark.parametrize("command", list(COMMANDS))
def test_each_command_is_built_by_the_module_the_table_names(command: str) -> None:
    assert command in commands_of(build_parser(command))


def test_without_a_known_command_every_command_is_built() -> None:
    for words in ("--help", "no-such-command", None):
        assert commands_of(build_parser(words)) == list(COMMANDS)


def test_parsing_a_record_command_loads_neither_the_store_nor_prefect_nor_the_holidays() -> None:
    probe = (
        "import sys; from cli.main import build_parser; "
        "build_parser('record').parse_args(['record', 'C', 'recovered']); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'prefect', 'sqlalchemy', 'holidays'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "command",
    [
        ["record", "C", "recovered"],
        ["report-sick", "E1", "--name", "Jan", "--vangnet"],
        ["cases"],
        ["audit", "C"],
        ["riv", "C"],
    ],
)
def test_a_command_through_a_server_loads_neither_the_store_nor_pydantic_nor_httpx(
    command: list[str],
) -> None:
    """A client of `reintegration web` sends its request with the standard library: what the
    store stack and the domain's models take to load (most of a local command's time) it
    does without."""
    probe = (
        f"import sys; from cli.main import main; code = main({command!r}); "
        "loaded = set(sys.modules) | {m.split('.')[0] for m in sys.modules}; "
        "print(code, sorted(loaded & "
        "{'alembic', 'domain.case', 'httpx', 'prefect', 'pydantic', 'sqlalchemy', 'sqlmodel'}))"
    )
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens: the request is refused
    environment = os.environ | {"REINTEGRATION_URL": closed, "REINTEGRATION_TOKEN": "rtk_x"}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=environment, check=True
    )
    assert result.stderr.startswith(f"reintegration: cannot reach the server at {closed}: ")
    assert result.stdout.strip() == "1 []"


def test_the_sick_report_options_are_the_facts_the_service_takes() -> None:
    """A client sends the facts by the options' names without loading the service layer."""
    assert set(FACT_OPTIONS) == set(SICK_FACTS)
    report_sick = build_parser("report-sick").parse_args(["report-sick", "E1", "--name", "J"])
    assert set(FACT_OPTIONS) <= set(vars(report_sick))

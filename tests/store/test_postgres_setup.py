"""Under CI the PostgreSQL tests must run, not skip: any CI value a CI service may set counts,
and a PostgreSQL that cannot be installed says so in one line instead of a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.store import postgres


@pytest.mark.parametrize("value", ["true", "True", "TRUE", "1", "yes", "on", "github", " true "])
@pytest.mark.parametrize("variable", ["CI", "REINTEGRATION_REQUIRE_POSTGRES"])
def test_any_ci_value_but_empty_0_or_false_requires_postgresql(variable: str, value: str) -> None:
    """CI services set CI=true, CI=True or CI=1: each makes a missing PostgreSQL fail the run."""
    assert postgres.required({variable: value}) is True


@pytest.mark.parametrize("value", ["", "0", "false", "False", "FALSE", " false "])
@pytest.mark.parametrize("variable", ["CI", "REINTEGRATION_REQUIRE_POSTGRES"])
def test_an_empty_0_or_false_ci_value_lets_the_postgresql_tests_skip(
    variable: str, value: str
) -> None:
    """Only an explicit no (empty, 0 or false, in any case) leaves PostgreSQL optional."""
    assert postgres.required({variable: value}) is False


def test_without_either_variable_postgresql_is_optional() -> None:
    """On a developer's machine without PostgreSQL its tests skip."""
    assert postgres.required({"HOME": "/root"}) is False


def test_either_variable_alone_requires_postgresql() -> None:
    """One variable saying yes is enough; the other saying no does not override it."""
    assert postgres.required({"CI": "false", "REINTEGRATION_REQUIRE_POSTGRES": "1"}) is True
    assert postgres.required({"CI": "1", "REINTEGRATION_REQUIRE_POSTGRES": "0"}) is True


def test_an_install_without_network_fails_with_one_line_naming_apt_get_and_its_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """apt-get failing (here a stand-in that fails as apt-get does offline) is reported as one
    line with apt-get's own last words, not as a CalledProcessError."""
    fake = tmp_path / "apt-get"
    fake.write_text(
        "#!/bin/sh\n"
        "echo 'W: Some index files failed to download.' >&2\n"
        'echo "E: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  '
        "Temporary failure resolving 'deb.debian.org'\" >&2\n"
        "exit 100\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    with pytest.raises(postgres.UnavailableError) as raised:
        postgres.install()
    message = str(raised.value)
    assert message == (
        "PostgreSQL could not be installed: apt-get update failed: E: Failed to fetch "
        "http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving "
        "'deb.debian.org'"
    )
    assert raised.value.__suppress_context__  # no CalledProcessError behind it in the report

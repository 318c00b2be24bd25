"""A contact route may not make the server connect inward (loopback, private, link-local,
internal names) unless the operator allows that host or network."""

from __future__ import annotations

import pytest

from domain.errors import BadInputError
from notifications.route_hosts import ALLOWED_VARIABLE, check_route_host


@pytest.fixture(autouse=True)
def nothing_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOWED_VARIABLE, raising=False)


@pytest.mark.parametrize(
    "url",
    [
        "json://127.0.0.1:5432/x",
        "json://[::1]:8/x",
        "xml://169.254.169.254/latest/meta-data",
        "mailto://user:pw@10.0.0.5/hr@example.org",
        "form://192.168.1.1/admin",
        "json://localhost:8000/",
        "json://db.internal/x",
    ],
)
def test_an_internal_host_is_refused_with_one_line_that_names_it(url: str) -> None:
    """The refusal names the host and where the operator may allow it; never the password."""
    with pytest.raises(BadInputError, match=f"internal address .*{ALLOWED_VARIABLE}") as caught:
        check_route_host(url)
    assert "pw" not in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    ["slack://T/B/X/#mgr", "mailtos://jan:pw@mail.example.org/jan@example.org", "json://8.8.8.8/x"],
)
def test_a_public_host_passes(url: str) -> None:
    check_route_host(url)


def test_the_operator_allows_a_host_or_a_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """`REINTEGRATION_ROUTE_HOSTS` names hosts and networks, comma-separated."""
    monkeypatch.setenv(ALLOWED_VARIABLE, "mail.internal, 10.1.0.0/16")
    check_route_host("mailto://u:p@mail.internal/x@example.org")
    check_route_host("json://10.1.2.3/hook")
    with pytest.raises(BadInputError):
        check_route_host("json://10.2.0.1/hook")

"""Which hosts a person's contact route may point at. A route is an Apprise URL typed by HR or a
manager; the server connects to its host when it sends (a webhook, an SMTP server). Without a
rule, HR could make the server probe its own network ("send a test message" to 127.0.0.1:5432,
or to a cloud metadata address). So a route to a loopback, private, link-local or otherwise
internal address is refused unless the operator allows that host or network in
$REINTEGRATION_ROUTE_HOSTS (e.g. "127.0.0.1,10.1.0.0/16,mail.internal"). Names are checked as
written, not resolved: a public name that resolves inward is the DNS operator's to prevent.
The organisation's own routes file is the operator's and is not checked."""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

from domain.errors import BadInputError

ALLOWED_VARIABLE = "REINTEGRATION_ROUTE_HOSTS"
_INTERNAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".lan", ".home.arpa")


def check_route_host(url: str) -> None:
    """Refuse `url` when its host is internal and the operator has not allowed it."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        raise BadInputError("the route's address is not a valid URL") from None
    if not host or not _internal(host) or _allowed(host):
        return
    raise BadInputError(
        f"a contact route may not point at the internal address {host[:64]!r}; the operator "
        f"can allow it in {ALLOWED_VARIABLE}"
    )


def _internal(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host == "localhost" or host.endswith(_INTERNAL_NAMES)
    return not address.is_global


def _allowed(host: str) -> bool:
    for item in filter(None, (s.strip() for s in os.environ.get(ALLOWED_VARIABLE, "").split(","))):
        if item.lower() == host:
            return True
        try:
            if ipaddress.ip_address(host) in ipaddress.ip_network(item, strict=False):
                return True
        except ValueError:
            continue
    return False

"""Who may record what: every event type has its roles, and nothing else may be recorded."""

from __future__ import annotations

import pytest

from domain.errors import NotAllowedError
from domain.events import EVENT_TYPES
from domain.roles import MAY_RECORD, Role, require_may_record


def test_every_event_type_names_the_roles_that_may_record_it() -> None:
    """An event type without a row could be recorded by nobody; a row without a type is stale."""
    assert set(MAY_RECORD) == set(EVENT_TYPES)


@pytest.mark.parametrize("kind", ["sick_note", "event_corrected", "event_retracted"])
def test_a_type_without_a_row_is_not_allowed_to_anyone(kind: str) -> None:
    """Corrections are checked against the entries they touch, never by their own type."""
    for role in Role:
        with pytest.raises(NotAllowedError, match=f"no role may record {kind}"):
            require_may_record(role, kind)

"""Input errors: one line saying where (outermost first) and why."""

from __future__ import annotations

from domain.errors import BadInputError, NotAllowedError


def test_an_input_error_located_twice_names_the_outermost_place_first() -> None:
    """`at` wraps: the place added last comes first, then the reason."""
    error = BadInputError("missing field 'type'").at("event 2").at("case 3")
    assert str(error) == "case 3, event 2: missing field 'type'"
    assert isinstance(error, BadInputError)


def test_an_input_errors_repr_and_args_carry_its_reason() -> None:
    """Like any ValueError, so that logs and tracebacks that show the repr show the reason."""
    error = NotAllowedError("the coach role may not record recovered", "case 1")
    assert error.args == ("the coach role may not record recovered",)
    assert repr(error) == "NotAllowedError('the coach role may not record recovered')"

"""The errors raised for input that cannot be accepted. Each says where and why on one line;
the kind tells an entry point how to answer (the CLI exits 1 for all; an HTTP API answers 401,
403, 404, 409 or 422)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, Self

PROBLEMS = 3  # a refusal names at most this many problems of one input
ECHO = 80  # at most this much of any input an error message quotes
MESSAGE = 2_000  # and never more than this on the line, whatever a message quotes
_HIDDEN = ("Cc", "Cf")  # control and invisible formatting characters: NUL, ESC, a newline, RLO


def printable(text: str) -> bool:
    """No control or invisible formatting character (a NUL, a bell, a right-to-left override):
    they forge or hide text where the name is shown, and PostgreSQL refuses a NUL."""
    return text.isprintable() or not any(unicodedata.category(c) in _HIDDEN for c in text)


def escaped(text: str) -> str:
    """`text` with each control or formatting character written as Python would (`\\n`,
    `\\x1b`, `\\u202e`): echoed or stored text cannot forge a line or steer a terminal."""
    if printable(text):
        return text
    return "".join(repr(c)[1:-1] if unicodedata.category(c) in _HIDDEN else c for c in text)


def shown(text: str, limit: int = ECHO) -> str:
    """Input echoed as it is (a type, a date), escaped, and cut at `limit` characters."""
    return escaped(text[:limit]) + ("…" if len(text) > limit else "")


def quoted(value: object) -> str:
    """Input echoed in Python's quotes (`'x\\ny'`), cut at `ECHO` characters (`'xxx'…`)."""
    if isinstance(value, str):
        return repr(value[:ECHO]) + ("…" if len(value) > ECHO else "")
    text = repr(value)
    return text if len(text) <= ECHO else text[:ECHO] + "…"


def in_one_line(problems: Sequence[Any], explain: Callable[[Any], str]) -> str:
    """The first `PROBLEMS` problems of a validation (pydantic's `errors()`), each explained,
    and how many more: an event with 100,000 unknown fields is refused in one short line."""
    text = "; ".join(explain(problem) for problem in problems[:PROBLEMS])
    more = len(problems) - PROBLEMS
    return f"{text}; and {more} more" if more > 0 else text


class InputError(ValueError):
    """Input that breaks a rule: says where (outermost first) and why, on one line."""

    def __init__(self, reason: str, *where: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where

    def at(self, place: str) -> Self:
        """The same error, located inside `place` (e.g. "case 2")."""
        return type(self)(self.reason, place, *self.where)

    def __str__(self) -> str:
        """One line, whatever input the reason quotes: control characters escaped, cut short."""
        text = f"{', '.join(self.where)}: {self.reason}" if self.where else self.reason
        return shown(text, MESSAGE)


class BadInputError(InputError):
    """The input itself is wrong: malformed, unknown, or against a rule of the law or the case."""


class NotSignedInError(InputError):
    """No valid proof of who is acting: no token, or one unknown, expired, revoked or of a
    disabled account."""


class NotAllowedError(InputError):
    """The acting person's role (or relation to the case) does not allow this."""


class NotFoundError(InputError):
    """No such case, employee or entry (or none this person may see)."""


class ConflictError(InputError):
    """The case moved on since it was read; reload and try again."""

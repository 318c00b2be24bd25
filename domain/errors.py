"""The errors raised for input that cannot be accepted. Each says where and why on one line;
the kind tells an entry point how to answer (the CLI exits 1 for all; an HTTP API answers 401,
403, 404, 409 or 422)."""

from __future__ import annotations

from typing import Self


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
        return f"{', '.join(self.where)}: {self.reason}" if self.where else self.reason


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

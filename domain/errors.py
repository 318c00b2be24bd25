"""The one error the domain raises for input it cannot accept."""

from __future__ import annotations


class InputError(ValueError):
    """Input that breaks a rule: says where (outermost first) and why, on one line."""

    def __init__(self, reason: str, *where: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = where

    def at(self, place: str) -> InputError:
        """The same error, located inside `place` (e.g. "case 2")."""
        return InputError(self.reason, place, *self.where)

    def __str__(self) -> str:
        return f"{', '.join(self.where)}: {self.reason}" if self.where else self.reason

"""JSON from people and programs: why `json.loads` refused a text, in words."""

from __future__ import annotations

import json
import sys


def unreadable_json(error: Exception) -> str:
    """Why `json.loads` refused a text, in words, for a message on one line."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at line {error.lineno} column {error.colno}"
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    if isinstance(error, UnicodeDecodeError):
        return "it is not UTF-8 text"
    # Python refuses to read an integer of more digits than this (a denial-of-service guard).
    return f"a number has more than {sys.get_int_max_str_digits():,} digits"

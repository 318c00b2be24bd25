"""Entry point of the `reintegration` console script."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli import (
    accounts,
    contacts,
    deadlines,
    diary,
    dispatch,
    keys,
    orchestration,
    outbox,
    recording,
    recovery,
    review,
    riv,
    web,
)
from domain.errors import InputError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reintegration",
        description="Sick leave and return to work under the Wet verbetering Poortwachter.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    deadlines.add_to(commands)
    recording.add_to(commands)
    review.add_to(commands)
    riv.add_to(commands)
    outbox.add_to(commands)
    dispatch.add_to(commands)
    contacts.add_to(commands)
    recovery.add_to(commands)
    diary.add_to(commands)
    orchestration.add_to(commands)
    accounts.add_to(commands)
    keys.add_to(commands)
    web.add_to(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    # argparse cannot take positionals after options ("record C T --date D percentage=60"):
    # leftover FIELD=VALUE words belong to the commands that take fields.
    args, extra = parser.parse_known_args(argv)
    if extra and hasattr(args, "fields") and not any(word.startswith("-") for word in extra):
        args.fields += extra
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.run(args))
    except InputError as error:
        print(f"reintegration: {error}", file=sys.stderr)
        return 1


def run() -> None:
    """The console script."""
    sys.exit(main())

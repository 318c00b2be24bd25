"""Entry point of the `reintegration` console script."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from domain.errors import ECHO, MESSAGE, InputError, shown

# The module of each command under cli/, in the order `reintegration --help` lists them. Only
# the module of the command given is imported and its parsers built: the others would load
# the store, SQLAlchemy or the domain's models for nothing.
COMMANDS = {
    "deadlines": "deadlines",
    "report-sick": "recording",
    "record": "recording",
    "cases": "review",
    "audit": "review",
    "verify": "review",
    "riv": "riv",
    "outbox": "outbox",
    "dispatch": "dispatch",
    "contacts": "contacts",
    "recovery": "recovery",
    "propose-build-up": "recovery",
    "diary": "diary",
    "demo": "orchestration",
    "serve": "orchestration",
    "users": "accounts",
    "teams": "accounts",
    "employees": "accounts",
    "tokens": "accounts",
    "login": "accounts",
    "keys": "keys",
    "backup": "backups",
    "restore": "backups",
    "web": "web",
}
# The commands that run for long or over many items: they keep Python's cycle collector on
# (every other command leaves it off, see `run`).
COLLECTING = frozenset({"web", "serve", "demo", "dispatch"})


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors on one short line: each argument it quotes ("invalid
    int value: '9999...'") cut at `ECHO` characters, control characters escaped."""

    def error(self, message: str) -> NoReturn:
        super().error(shown(_QUOTED.sub(lambda found: shown(found[0]), message), MESSAGE))


_QUOTED = re.compile(f"'[^']{{{ECHO},}}'")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or, given a known command, of its module's commands only
    (they parse that command exactly as the whole tree does)."""
    parser = _Parser(
        prog="reintegration",
        description="Sick leave and return to work under the Wet verbetering Poortwachter.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    modules = [COMMANDS[command]] if command in COMMANDS else dict.fromkeys(COMMANDS.values())
    for module in modules:
        importlib.import_module(f"cli.{module}").add_to(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv else None)
    # argparse cannot take positionals after options ("record C T --date D percentage=60"):
    # leftover FIELD=VALUE words belong to the commands that take fields.
    args, extra = parser.parse_known_args(argv)
    if extra and hasattr(args, "fields") and not any(word.startswith("-") for word in extra):
        args.fields += extra
    elif extra:
        parser.error(f"unrecognized arguments: {shown(' '.join(extra))}")
    if args.command in COLLECTING:
        gc.enable()
    try:
        return int(args.run(args))
    except InputError as error:
        print(f"reintegration: {error}", file=sys.stderr)
        return 1


def run() -> None:
    """The console script. Output piped into a reader that stops early (`| head -1`) ends it
    quietly with status 1, as Python's documentation of SIGPIPE advises."""
    # The imports make some 10^5 objects that live until exit, and the cycle collector walks
    # them again and again while they load: about a tenth of a short command's time. Such a
    # command makes few cycles of its own, so it runs without it (`COLLECTING` turns it on).
    gc.disable()
    # Pydantic looks for plugins in the metadata of every installed package on its first model
    # (importlib.metadata, ~15 ms); the engine uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        code = main()
        sys.stdout.flush()  # the last of the output fails here, if the reader has gone
    except BrokenPipeError:
        # Python flushes stdout once more on exit: point it at /dev/null, where that succeeds.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    # The interpreter's last collection on exit walks every object too (~0.2 s after a store
    # command), for memory that is given back anyway. Frozen objects are left out of it;
    # everything is still closed and flushed as usual.
    gc.freeze()
    sys.exit(code)

"""`reintegration diary`: the employee's own diary of energy, stress and motivation (1-10).
Only the employee writes it; only they and the physician or coach they share it with read it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from adapters.amsterdam_time import today_in_amsterdam
from cli.remote import call, server_of
from cli.store_options import now, open_store, signed_in, store_options
from domain.errors import BadInputError, shown


def add_to(commands: Any) -> None:
    shared = store_options()
    diary = commands.add_parser(
        "diary", help="the employee's own diary (energy, stress, motivation)"
    )
    actions = diary.add_subparsers(dest="action", required=True, metavar="ACTION")

    add = actions.add_parser("add", parents=[shared], help="write today's (or --date's) scores")
    for score in ("energy", "stress", "motivation"):
        add.add_argument(f"--{score}", type=int, required=True, help=f"{score}, 1-10")
    add.add_argument("--date", help="the day, YYYY-MM-DD (default: today)")
    add.set_defaults(run=run_add)

    show = actions.add_parser("show", parents=[shared], help="the scores, day by day")
    show.add_argument("employee", nargs="?", help="whose diary (default: your own)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(run=run_show)

    chart = actions.add_parser("chart", parents=[shared], help="the trend as an SVG chart")
    chart.add_argument("employee", nargs="?", help="whose diary (default: your own)")
    chart.add_argument("--output", required=True, help="the SVG file to write (a new one)")
    chart.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    chart.set_defaults(run=run_chart)

    share = actions.add_parser("share", parents=[shared], help="let a physician or coach read it")
    share.add_argument("reader", help="their login (a physician's or a coach's account)")
    share.set_defaults(run=run_share)

    unshare = actions.add_parser("unshare", parents=[shared], help="stop sharing with someone")
    unshare.add_argument("reader")
    unshare.set_defaults(run=run_unshare)

    readers = actions.add_parser(
        "readers", parents=[shared], help="whom you share your diary with, and who read it"
    )
    readers.set_defaults(run=run_readers)

    signal = actions.add_parser(
        "signal",
        parents=[shared],
        help="on: a sustained drop may bring your capacity review forward (no scores are shared)",
    )
    signal.add_argument("setting", choices=("on", "off"))
    signal.set_defaults(run=run_signal)


def run_add(args: argparse.Namespace) -> int:
    from service import diary  # noqa: PLC0415

    moment = now()
    raw = {
        "date": args.date or today_in_amsterdam(moment).isoformat(),
        "energy": args.energy,
        "stress": args.stress,
        "motivation": args.motivation,
    }
    entry = diary.parse_diary_entry(raw)
    if server := server_of(args):
        answer = call(server, "POST", "/me/diary", entry.model_dump(mode="json"))
        days, review_on = answer["entries"], answer["suggested_review_on"]
    else:
        with open_store(args) as store:
            written = diary.write(store, signed_in(store), entry, moment)
        days, review_on = written.entries, written.suggested_review_on
    print(f"Diary: {entry.date} written ({days} days in all).")
    if review_on:
        print(
            "Your scores have dropped for a while. As you chose, your physician is asked to review "
            f"your capacity sooner (case {review_on}); no scores are shared."
        )
    return 0


def _entries(args: argparse.Namespace) -> list[Any]:
    from service import diary  # noqa: PLC0415

    if server := server_of(args):
        path = f"/employees/{quote(args.employee, safe='')}/diary" if args.employee else "/me/diary"
        return [diary.parse_diary_entry(entry) for entry in call(server, "GET", path)]
    with open_store(args) as store:
        actor = signed_in(store)
        employee = args.employee or actor.employee_key
        if employee is None:
            raise BadInputError("whose diary? name the employee (their key)")
        return diary.read(store, actor, employee, now())


def run_show(args: argparse.Namespace) -> int:
    entries = _entries(args)
    if args.json:
        print(json.dumps([entry.model_dump(mode="json") for entry in entries], indent=2))
    elif not entries:
        print("The diary is empty.")
    else:
        print("Date        Energy  Stress  Motivation")
        for e in entries:
            print(f"{e.date}  {e.energy:>6}  {e.stress:>6}  {e.motivation:>10}")
    return 0


def run_chart(args: argparse.Namespace) -> int:
    from cli.diary_chart import svg  # noqa: PLC0415

    entries = _entries(args)
    if not entries:
        raise BadInputError("the diary is empty: nothing to chart")
    output = Path(args.output)
    _refuse_store_files(output, args.data_dir)
    try:  # "x": never over an existing file, nor through a symbolic link, without --force
        with output.open("w" if args.force else "x", encoding="utf-8") as file:
            file.write(svg(entries))
    except FileExistsError:
        raise BadInputError(f"{shown(args.output)} exists; --force overwrites it") from None
    except OSError as error:
        raise BadInputError(f"cannot write {shown(args.output)}: {error.strerror}") from None
    print(f"Chart of {len(entries)} days written to {shown(args.output)}")
    return 0


def _refuse_store_files(output: Path, directory: str | None) -> None:
    """Never a file in the data directory (the database, its key, the outbox), however the
    path reaches it (`..`, a symbolic link): a chart there would overwrite the store."""
    from adapters.store.database import data_dir  # noqa: PLC0415

    if output.resolve().is_relative_to(data_dir(directory).resolve()):
        raise BadInputError(
            f"{shown(str(output))} is in the data directory, where the store lives; "
            "write the chart elsewhere"
        )


def run_share(args: argparse.Namespace) -> int:
    from service import diary  # noqa: PLC0415

    with open_store(args) as store:
        role = diary.share(store, signed_in(store), args.reader)
    print(f"Your diary is shared with {args.reader} ({role}).")
    return 0


def run_unshare(args: argparse.Namespace) -> int:
    from service import diary  # noqa: PLC0415

    with open_store(args) as store:
        diary.unshare(store, signed_in(store), args.reader)
    print(f"Your diary is no longer shared with {args.reader}.")
    return 0


def run_readers(args: argparse.Namespace) -> int:
    from adapters.store.hash_chain import utc_iso  # noqa: PLC0415
    from service import diary  # noqa: PLC0415

    with open_store(args) as store:
        shown = diary.sharing(store, signed_in(store))
    shared = ", ".join(f"{name} ({role})" for name, role in shown.readers) or "nobody"
    print(f"Shared with: {shared}")
    for read in shown.reads:
        print(f"  read {utc_iso(read.read_at)[:16]}Z by {read.reader} ({read.role})")
    if not shown.reads:
        print("  never read by anyone else")
    return 0


def run_signal(args: argparse.Namespace) -> int:
    from service import diary  # noqa: PLC0415

    with open_store(args) as store:
        diary.set_signal(store, signed_in(store), args.setting == "on")
    print(
        "Diary signal on: a sustained drop asks your physician to review your capacity sooner; "
        "no scores are shared."
        if args.setting == "on"
        else "Diary signal off."
    )
    return 0

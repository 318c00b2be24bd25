"""`reintegration keys rotate`: reseal the store under a new key. An operator's command, not a
role's: it needs the store and its key (the data directory, or $REINTEGRATION_KEY), nothing
more, and it prints key ids, never a key."""

from __future__ import annotations

import argparse
from typing import Any

from cli.remote import refuse_remote
from cli.store_options import store_url, unusable


def add_to(commands: Any) -> None:
    keys = commands.add_parser("keys", help="the key that seals the store: rotate it")
    actions = keys.add_subparsers(dest="action", required=True, metavar="ACTION")
    rotate = actions.add_parser(
        "rotate",
        help="reseal every secret and renew every seal under a new key, in one transaction; "
        "the old key file is kept as reintegration.key.retired-<key id>",
    )
    rotate.add_argument("--database-url", help="SQLAlchemy URL of the store (as for the others)")
    rotate.add_argument("--data-dir", help="the data directory, where the key file lives")
    rotate.set_defaults(run=run_rotate)


def run_rotate(args: argparse.Namespace) -> int:
    # The store stack loads only for the commands that use it.
    from sqlalchemy.exc import SQLAlchemyError  # noqa: PLC0415

    from adapters.key_files import KEY_VARIABLE, NEW_KEY_VARIABLE  # noqa: PLC0415
    from adapters.store.rotation import rotate  # noqa: PLC0415

    refuse_remote(args)  # an operator rotates the store where it is, never a default one
    url = store_url(args)
    try:
        rotated = rotate(url, args.data_dir)
    except SQLAlchemyError as error:
        raise unusable("rotate", url, error) from None
    print(
        f"keys: the store is sealed under key {rotated.new_id} now, not {rotated.old_id}: "
        f"{rotated.secrets} secrets resealed, {rotated.seals} seals renewed."
    )
    if rotated.retired is None:
        print(
            f"Set ${KEY_VARIABLE} to the key in ${NEW_KEY_VARIABLE} now, everywhere the store "
            "is opened; keep the old key for backups taken before now."
        )
    else:
        print(f"The old key is kept in {rotated.retired}: backups taken before now need it.")
    return 0

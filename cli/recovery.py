"""`reintegration recovery` shows a case's build-up, capacity and contact agreement;
`reintegration propose-build-up` records the employee's ladder (by default the engine's)."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from cli.recording import record_entry, recording_options
from cli.store_options import now, open_store, signed_in, store_options

if TYPE_CHECKING:
    from service.recovery import RecoveryView


def add_to(commands: Any) -> None:
    shared = store_options()
    show = commands.add_parser(
        "recovery",
        parents=[shared],
        help="a case's build-up: capacity, the ladder and the current stage, the contact agreement",
    )
    show.add_argument("case", help="the case key")
    show.add_argument("--json", action="store_true", help="print JSON instead of text")
    show.set_defaults(run=run_recovery)

    propose = commands.add_parser(
        "propose-build-up",
        parents=[shared],
        help="the employee proposes a build-up ladder (default: the engine's, within capacity)",
        description="Propose a ladder of stages toward a weekly target. Without --stages the "
        "engine proposes one from --first in small steps (more sessions first, then longer "
        "sessions), never beyond the latest capacity assessment.",
    )
    propose.add_argument("case", help="the case key")
    propose.add_argument("--target", type=float, required=True, help="target hours a week")
    propose.add_argument("--stages", help="the ladder, e.g. 3x2,3x3,4x3,4x5 (sessions x hours)")
    propose.add_argument("--first", default="2x2", help="the first stage (default: 2x2)")
    propose.add_argument("--review-days", type=int, default=14, help="days until each review")
    recording_options(propose)
    propose.set_defaults(run=run_propose, type="build_up_proposed")


def run_recovery(args: argparse.Namespace) -> int:
    from service.recovery import recovery_of  # noqa: PLC0415

    with open_store(args) as store:
        view = recovery_of(store, signed_in(store), args.case, now())
    if args.json:
        print(json.dumps(view.as_dict(), indent=2))
    else:
        print("\n".join(_as_text(view)))
    return 0


def run_propose(args: argparse.Namespace) -> int:
    from service.recovery import LadderRequest, engine_ladder  # noqa: PLC0415

    if args.stages:
        stages = [stage.strip() for stage in args.stages.split(",")]
    else:
        with open_store(args) as store:
            request = LadderRequest(args.case, args.target, args.first)
            stages = engine_ladder(store, signed_in(store), request, now())
    fields = {"stages": stages, "target_hours": args.target, "review_after_days": args.review_days}
    return record_entry(args, fields)


def _as_text(view: RecoveryView) -> list[str]:
    r = view.recovery
    lines = [f"Recovery of {view.display_name} (case {view.case_key}) as of {view.today}"]
    if r.capacity:
        c = r.capacity
        restrictions = ", ".join(c.restrictions) or "none"
        lines += [
            (
                f"Capacity (assessed {c.assessed_on}): {c.days_per_week} days a week, "
                f"{c.hours_per_day:g} h a day; restrictions: {restrictions}; "
                f"expected duration: {c.expected_duration}; next review {c.next_review}"
            ),
        ]
    else:
        lines.append("Capacity: not assessed yet")
    b = r.build_up
    if b is None:
        lines.append("Build-up: none proposed")
    else:
        agreed = ", ".join(sorted(b.agreed_by)) or "nobody yet"
        state = "started" if b.started else f"proposed, agreed by: {agreed}"
        lines.append(f"Build-up ({state}), target {b.target_hours:g} h a week:")
        for number, stage in enumerate(b.stages, start=1):
            mark = "->" if b.current == number - 1 else "  "
            limit = "" if not r.capacity or r.capacity.allows(stage) else "  (beyond capacity)"
            lines.append(f"  {mark} stage {number}: {stage}{limit}")
        if b.review_on:
            lines.append(f"  next stage review: {b.review_on}")
        if b.target_reached:
            lines.append("  target reached: HR can record partial or full recovery")
    for change in r.course:
        lines.append(f"  {change.date}  {change.why:9}  stage {change.stage}: {change.spec}")
    if r.contact:
        pause = f", paused until {r.contact.paused_until}" if r.contact.paused_until else ""
        lines.append(
            f"Contact: {r.contact.form} every {r.contact.every.days} days{pause}; "
            f"next due {r.contact.next_due}"
        )
    lines += [f"  contact {day}: {form}" for day, form in r.contacts]
    return lines

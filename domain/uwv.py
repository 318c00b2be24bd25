"""The UWV tracks' part of a case's fold (`UWV-TRACKS.md`): a handful of facts, each updated in
constant time by one event, and the rules that refuse an event the case cannot take.

What depends only on the dates of events (the vangnet recovery reports, the sanctions'
objection terms, second opinions, revisions) is read from the case's events by the law
calendar; what depends on the values the events carry (weeks of extension, the early IVA
decision, the vangnet fact) or on the order in which they apply (the end of wage continuation
at the moment of a sanction or an extension) is folded here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from domain import uwv_events as u
from domain.errors import BadInputError
from domain.event_base import LATEST_DATE, BaseEvent
from domain.events import Event, Recovered, WiaApplied

# Days on the sick-day clock after D (`D⊕n` in UWV-TRACKS.md).
EARLY_IVA_FROM = 21
EARLY_IVA_UNTIL = 475
LEAVING_RIV_FROM = 41  # sick 42 days or more, D counted as the first
FULL_LEAVING_RIV_FROM = 69
CURRENT_ASSESSMENT_COUNTS_FROM = 580
END_OF_WEEK_91 = 636
LATE_WIA_LETTER_AFTER = 623
END_OF_WEEK_93 = 650
FIRST_DAY_AFTER_WEEK_104 = 728
# Calendar days.
WIA_AFTER_LATE_LETTER = 28
MOST_SANCTION_DAYS = 364
SHORTENED_AFTER = 42
ONE_DAY = dt.timedelta(days=1)

After = Callable[[dt.date, int], dt.date]  # the case's sick-day clock: `after(D, n)` is D⊕n
# What may be recorded once employment ended (besides corrections, which are not events).
AFTER_EMPLOYMENT_ENDED = (u.UwvLeavingReported, u.LeavingRivHandedOver, Recovered)
# What may be recorded while recovered, until the case closes (settled reading 3).
WHILE_RECOVERED = (u.UwvRecoveryReported, u.UwvVangnetRecoveryReported)


@dataclass(frozen=True)
class Uwv:
    """The facts of the UWV tracks that the events' values and order decide."""

    vangnet: bool = False  # the latest `vangnet` fact, or implied by reporting the case
    vangnet_reported: dt.date | None = None
    employment_ended: dt.date | None = None  # the last day of employment
    wia_letter: dt.date | None = None  # the latest
    extension_weeks: int = 0  # E
    wia_applied: dt.date | None = None  # the first application
    wia_days_late: int = 0  # after its due date then; they count unless an early IVA is granted
    sanctioned_end: dt.date | None = None  # the end after the sanctions and shortenings
    early_iva_applied: dt.date | None = None
    early_iva_granted: bool = False  # by the latest decision
    waiting_days: int = 0  # 0: none applied

    def wage_continuation_end(self, first_day: dt.date, after: After) -> dt.date:
        """`D⊕(728+7E)` plus the days the WIA application was late; then the sanctions and
        shortenings in date order; or the day after the last day of employment."""
        if self.employment_ended is not None:
            return self.employment_ended + ONE_DAY
        if self.sanctioned_end is not None:
            return self.sanctioned_end  # each sanction replaces whatever came before it
        base = after(first_day, FIRST_DAY_AFTER_WEEK_104 + 7 * self.extension_weeks)
        # A granted early IVA leaves no WIA application to be late (settled reading 6).
        late = 0 if self.early_iva_granted else self.wia_days_late
        return base + dt.timedelta(days=late) if late else base  # rarely late: no timedelta

    def wia_due(self, first_day: dt.date, after: After) -> dt.date:
        """`D⊕(650+7E)`, or four weeks after a late letter if that is later (Wet WIA art. 64)."""
        due = after(first_day, END_OF_WEEK_93 + 7 * self.extension_weeks)
        letter = self.wia_letter
        if letter is not None and letter > after(first_day, LATE_WIA_LETTER_AFTER):
            due = max(due, letter + dt.timedelta(days=WIA_AFTER_LATE_LETTER))
        return due

    def end_of_wachttijd(self, first_day: dt.date, after: After, days: int) -> dt.date:
        """`D⊕(days+7E)`: a date that the extension weeks move."""
        return after(first_day, days + 7 * self.extension_weeks)


# The event types `advance` reads; any other passes through unchanged.
FOLDED_BY_UWV: frozenset[type[BaseEvent]] = frozenset(
    {
        u.SickFactsRecorded,
        u.UwvVangnetReported,
        u.EmploymentEnded,
        u.UwvWiaLetterReceived,
        WiaApplied,
        u.WageSanctionImposed,
        u.SanctionShorteningRequested,
        u.SanctionShortened,
        u.SanctionShorteningRefused,
        u.WageExtensionGranted,
        u.EarlyIvaApplied,
        u.EarlyIvaDecided,
        u.ExpertOpinionRequested,
        u.WaitingDaysApplied,
    }
)


def check_after_employment_ended(uwv: Uwv, event: Event) -> None:
    """Once employment ended, only the leaving report, the leaving RIV and a recovery."""
    ended = uwv.employment_ended
    if ended is None or isinstance(event, AFTER_EMPLOYMENT_ENDED):
        return
    if isinstance(event, u.EmploymentEnded):
        raise BadInputError(f"employment already ended on {ended}")
    raise BadInputError(
        f"employment ended on {ended}: after that only uwv_leaving_reported, "
        "leaving_riv_handed_over and recovered may be recorded (UWV took over)"
    )


def advance(  # noqa: PLR0911, PLR0912 (one branch per event type, each a rule of the spec)
    uwv: Uwv, event: Event, first_day: dt.date, after: After, linked_since: dt.date | None
) -> Uwv:
    """The facts after `event`; raise `BadInputError` if the case cannot take it.
    `linked_since` is the date of the case's first linked report, if it has one."""
    if type(event) not in FOLDED_BY_UWV:
        return uwv  # most events: nothing to check or keep here
    if isinstance(event, WiaApplied):  # the law's own event first: the most common of these
        if uwv.wia_applied is not None:
            return uwv
        late = (event.date - uwv.wia_due(first_day, after)).days
        return replace(uwv, wia_applied=event.date, wia_days_late=max(late, 0))
    if isinstance(event, u.SickFactsRecorded):
        return uwv if event.vangnet is None else replace(uwv, vangnet=event.vangnet)
    if isinstance(event, u.UwvVangnetReported):
        return replace(uwv, vangnet=True, vangnet_reported=uwv.vangnet_reported or event.date)
    if isinstance(event, u.EmploymentEnded):
        return replace(uwv, employment_ended=event.date)
    if isinstance(event, u.UwvWiaLetterReceived):
        return replace(uwv, wia_letter=event.date)
    if isinstance(event, u.WageSanctionImposed):
        return _sanction(uwv, event, uwv.wage_continuation_end(first_day, after))
    if isinstance(event, u.SanctionShorteningRequested | u.SanctionShortened):
        if uwv.sanctioned_end is None:
            raise BadInputError("there is no wage sanction to shorten")
        if isinstance(event, u.SanctionShortened):
            shortened = event.date + dt.timedelta(days=SHORTENED_AFTER)
            return replace(uwv, sanctioned_end=min(uwv.sanctioned_end, shortened))
        return uwv
    if isinstance(event, u.SanctionShorteningRefused) and uwv.sanctioned_end is None:
        raise BadInputError("there is no wage sanction whose shortening could be refused")
    if isinstance(event, u.WageExtensionGranted):
        end = uwv.wage_continuation_end(first_day, after)
        return _extension(uwv, event, end, first_day, after)
    if isinstance(event, u.EarlyIvaApplied):
        return _early_iva(uwv, event, first_day, after)
    if isinstance(event, u.EarlyIvaDecided):
        if uwv.early_iva_applied is None:
            raise BadInputError("no early_iva_applied before it: there is nothing to decide on")
        return replace(uwv, early_iva_granted=event.granted)
    if isinstance(event, u.ExpertOpinionRequested) and event.date >= (
        end := uwv.wage_continuation_end(first_day, after)
    ):
        raise BadInputError(
            f"a second opinion can only be asked before the end of wage continuation on {end}"
        )
    if isinstance(event, u.WaitingDaysApplied):
        if uwv.waiting_days:
            raise BadInputError(f"waiting days were already applied ({uwv.waiting_days})")
        if linked_since is not None:
            raise BadInputError(
                "waiting days apply only to the first sick report of a case, and this case has "
                f"a linked report since {linked_since}"
            )
        return replace(uwv, waiting_days=event.days)
    return uwv


def _sanction(uwv: Uwv, event: u.WageSanctionImposed, end: dt.date) -> Uwv:
    if event.date >= end:
        raise BadInputError(
            f"a wage sanction must be imposed before the end of wage continuation on {end}"
        )
    last = end - ONE_DAY
    latest = last + dt.timedelta(days=MOST_SANCTION_DAYS)
    if not last <= event.until <= latest:
        raise BadInputError(
            f"until must lie from {last} (the current last day of the obligation) to {latest} "
            f"(364 days after it), got {event.until}"
        )
    return replace(uwv, sanctioned_end=event.until + ONE_DAY)


def _extension(
    uwv: Uwv, event: u.WageExtensionGranted, end: dt.date, first_day: dt.date, after: After
) -> Uwv:
    if uwv.vangnet_reported is not None:
        raise BadInputError(
            f"no voluntary extension in a vangnet case reported to UWV (on {uwv.vangnet_reported})"
        )
    if event.date >= end:
        raise BadInputError(
            f"an extension must be granted before the end of wage continuation on {end}"
        )
    extended = replace(uwv, extension_weeks=uwv.extension_weeks + event.weeks)
    if extended.end_of_wachttijd(first_day, after, FIRST_DAY_AFTER_WEEK_104) > LATEST_DATE:
        raise BadInputError(f"the extension would move the end beyond {LATEST_DATE}")
    return extended


def _early_iva(uwv: Uwv, event: u.EarlyIvaApplied, first_day: dt.date, after: After) -> Uwv:
    if uwv.early_iva_applied is not None:
        raise BadInputError(f"an early IVA application was already made on {uwv.early_iva_applied}")
    earliest, latest = after(first_day, EARLY_IVA_FROM), after(first_day, EARLY_IVA_UNTIL)
    if not earliest <= event.date <= latest:
        raise BadInputError(
            f"an early IVA application can be made from {earliest} to {latest} "
            f"(sick days 22 to 476), not on {event.date}"
        )
    return replace(uwv, early_iva_applied=event.date)

"""The reminder dispatcher: one scheduled deployment (Europe/Amsterdam working hours) that sends
every reminder the case store says is due, to each party's channels (their own routes, the
organisation's routes file, or the local outbox). The store is the source of truth for what is
due; Prefect only decides when to look."""

from __future__ import annotations

from prefect import flow, get_run_logger

from adapters.amsterdam_time import AMSTERDAM
from adapters.store.database import database_url, opened, outbox_path, routes_path
from flows import clock
from flows.cases import publish_timeline
from notifications.routing import load_router
from notifications.sinks import OutboxSink
from service.dispatch import Dispatcher, party_routes
from service.review import stale_timelines

WORKING_HOURS_CRON = "0 9-17 * * 1-5"  # on the hour, 09:00-17:00, Monday to Friday
FIRST_RUN_ENDS = 10  # the 09:00 run, however late it starts within its hour
TIME_ZONE = "Europe/Amsterdam"


@flow(name="dispatch-reminders")
def dispatch_reminders_flow(batch: int = 100) -> dict[str, int]:
    """Send what is due now (on the flows' clock). Safe to retry and to run after a crash:
    claims expire, and nothing goes out twice. The day's first run (09:00) also refreshes the
    timeline artifact of each case with a step that fell overdue since the last working day."""
    router = load_router(routes_path(), OutboxSink(outbox_path()))
    moment = clock.now()
    with opened(database_url()) as store:
        dispatcher = Dispatcher(store, party_routes(store, router), batch)
        report = dispatcher.dispatch_due(moment)
        planned = store.reminders.next_pending()
        refreshed = 0
        if moment.astimezone(AMSTERDAM).hour < FIRST_RUN_ENDS:
            for case_key, timeline in stale_timelines(store, moment):
                publish_timeline(case_key, timeline)
                refreshed += 1
    logger = get_run_logger()
    for line in report.lines(planned, moment):
        logger.info("%s", line)
    if refreshed:
        logger.info("timelines refreshed: %s", refreshed)
    return report.counts()

"""The reminder dispatcher: one scheduled deployment (Europe/Amsterdam working hours) that sends
every reminder the case store says is due, to each party's channels (their own routes, the
organisation's routes file, or the local outbox). The store is the source of truth for what is
due; Prefect only decides when to look."""

from __future__ import annotations

from prefect import flow, get_run_logger

from adapters.store.database import database_url, opened, outbox_path, routes_path
from flows import clock
from notifications.routing import load_router
from notifications.sinks import OutboxSink
from service.dispatch import Dispatcher, party_routes

WORKING_HOURS_CRON = "0 9-17 * * 1-5"  # on the hour, 09:00-17:00, Monday to Friday
TIME_ZONE = "Europe/Amsterdam"


@flow(name="dispatch-reminders")
def dispatch_reminders_flow(batch: int = 100) -> dict[str, int]:
    """Send what is due now (on the flows' clock). Safe to retry and to run after a crash:
    claims expire, and nothing goes out twice."""
    router = load_router(routes_path(), OutboxSink(outbox_path()))
    with opened(database_url()) as store:
        dispatcher = Dispatcher(store, party_routes(store, router), batch)
        report = dispatcher.dispatch_due(clock.now())
        planned = store.reminders.next_pending()
    logger = get_run_logger()
    for line in report.lines(planned, clock.now()):
        logger.info("%s", line)
    return report.counts()

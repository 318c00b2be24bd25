"""Reminders to each party: the messages (Jinja2 templates per party and language, calendar
entries), the sinks that deliver them (Apprise channels, the local outbox) and the routing of
each party's reminders to their own routes, the organisation's, or the outbox."""

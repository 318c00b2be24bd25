"""Reminders to each party: the message text, and the sinks that deliver it (a local outbox
now; Apprise channels per party with the notifications issue)."""

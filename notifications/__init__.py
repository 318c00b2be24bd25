"""Reminders to each party on their own channel, through Apprise.

Not built yet: arrives with the notifications issue (issue 5).
"""

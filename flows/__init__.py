"""Prefect flows: thin wiring that loads a case, calls the domain, persists and notifies.

Not built yet: the flows arrive with the case store (issue 3) and the flows issue (issue 4).
"""

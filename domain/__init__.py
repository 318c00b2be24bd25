"""The law and the recovery logic: pure Python (standard library and pydantic), no clock, no I/O.

Time and public holidays come in as data; everything here is a function of its arguments.
"""

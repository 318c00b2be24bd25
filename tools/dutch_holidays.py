"""Writes `adapters/dutch_holidays_table.py`: every Dutch public holiday that the `holidays`
package's NL calendar knows (it knows the years 1966-2100 and gives no holidays outside them),
one line per year. Run it after upgrading `holidays`; `tests/test_dutch_holidays.py` fails
while the table and the package disagree.

    python -m tools.dutch_holidays
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import holidays

TABLE = Path(__file__).parents[1] / "adapters" / "dutch_holidays_table.py"


def table() -> str:
    calendar = holidays.country_holidays("NL")
    years = range(calendar.start_year, calendar.end_year + 1)
    days = sorted(holidays.country_holidays("NL", years=years))
    lines = [
        f"{year} " + " ".join(f"{day:%m%d}" for day in days if day.year == year) for year in years
    ]
    return (
        f'"""The Dutch public holidays of `holidays` {version("holidays")}\'s NL calendar, '
        "as YEAR MMDD ...\n"
        'Written by `python -m tools.dutch_holidays`: do not edit."""\n\n'
        'HOLIDAYS = """\n' + "\n".join(lines) + '\n"""\n'
    )


if __name__ == "__main__":
    TABLE.write_text(table())

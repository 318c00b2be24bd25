import os
from pathlib import Path

import pytest
from hypothesis import settings

from adapters.key_files import KEY_VARIABLE
from adapters.keys import new_key_text
from notifications.route_hosts import ALLOWED_VARIABLE

pytest_plugins = ["tests.receivers"]  # the SMTP and webhook receiver fixtures

# No timed assertions in tests: a slow CI machine must not turn a correct example into a failure.
settings.register_profile("reintegration", deadline=None, print_blob=True)
settings.load_profile("reintegration")

# The receivers the tests send to listen on 127.0.0.1, an internal address that contact routes
# may point at only when the operator allows it; set here, so the servers tests start inherit it.
os.environ[ALLOWED_VARIABLE] = "127.0.0.1"

TEST_KEY = new_key_text()  # one store key for the session, never a file in the home directory


@pytest.fixture(autouse=True)
def store_key(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Every test, and every process it starts, seals its stores with the session's key, and
    has a data directory of its own: no test opens the user's store in the home directory."""
    monkeypatch.setenv(KEY_VARIABLE, TEST_KEY)
    monkeypatch.setenv("REINTEGRATION_DATA_DIR", str(tmp_path / "data"))
    return TEST_KEY

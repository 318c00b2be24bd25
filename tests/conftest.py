from hypothesis import settings

pytest_plugins = ["tests.receivers"]  # the SMTP and webhook receiver fixtures

# No timed assertions in tests: a slow CI machine must not turn a correct example into a failure.
settings.register_profile("reintegration", deadline=None, print_blob=True)
settings.load_profile("reintegration")

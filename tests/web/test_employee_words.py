"""Every word the employee's pages look up by a computed key exists in both languages: a
missing one would be a server error, not a page."""

from __future__ import annotations

from domain.roles import MAY_BE_SHOWN_THE_DIARY
from domain.steps import Step
from web.console.diary_pages import NOTICES
from web.console.messages import LANGUAGES, Words


def test_every_computed_key_has_words_in_each_language() -> None:
    keys = [f"plain_{step.value}" for step in Step]
    keys += [f"done_{notice}" for notice in NOTICES]
    keys += [f"role_{role.value}" for role in MAY_BE_SHOWN_THE_DIARY]
    for language in LANGUAGES:
        words = Words(language)
        assert all(words(key, due="d").strip() for key in keys)

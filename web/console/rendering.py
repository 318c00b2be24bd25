"""Pages from the Jinja2 templates next to this module, in the caller's language (a cookie),
with headers that keep them out of caches and frames and allow only this site's own CSS."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from service.review import may_verify
from web.console.messages import Words, language_of
from web.console.trail_words import event_words, trail_line

HERE = Path(__file__).parent
LANGUAGE_COOKIE = "lang"
_templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.globals |= {"event_words": event_words, "trail_line": trail_line}
_templates.globals["may_verify"] = may_verify  # the header's link
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def words_for(request: Request) -> Words:
    return Words(language_of(request.cookies.get(LANGUAGE_COOKIE)))


def page(request: Request, template: str, status: int = 200, **context: object) -> HTMLResponse:
    words = words_for(request)
    html = _templates.get_template(template).render(
        t=words, lang=words.language, path=request.url.path, **context
    )
    return HTMLResponse(html, status_code=status, headers=HEADERS)

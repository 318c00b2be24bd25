"""The application: the REST API under /api (every request acts as the account of its bearer
token, see `web.identity`) and the web console under / (a signed-in session, see
`web.console`); one store (engine) per app, opened at start-up and disposed at shutdown."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from adapters.store.database import open_store
from web import cases, console, diary, errors

API = "/api"


def create_app(store_url: str, data_dir: str | None = None) -> FastAPI:
    """The app on the store at `store_url`, its key from `data_dir` (see `open_store`)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = open_store(store_url, data_dir)
        app.state.store = store
        try:
            yield
        finally:
            store.engine.dispose()

    app = FastAPI(
        title="reintegration",
        summary="Sick leave and return to work under the Wet verbetering Poortwachter",
        version="1",
        openapi_url=f"{API}/openapi.json",
        docs_url=f"{API}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    errors.install(app, console.error_page, console.status_page)
    app.include_router(cases.router, prefix=f"{API}/v1")
    app.include_router(diary.router, prefix=f"{API}/v1")
    console.install(app)
    return app

"""Fixed: both callers of `start()` are coroutines (the lifespan and an `async def` route), so
every call runs on the event loop thread, one at a time: the check of `_thread` and the store
that follows it never interleave with another call's."""
from contextlib import asynccontextmanager

from fastapi import FastAPI

from sitemap import SitemapBuilder

builder = SitemapBuilder("/srv/site/pages", "/srv/site/sitemap.xml")


@asynccontextmanager
async def lifespan(app: FastAPI):
    builder.start()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/admin/sitemap")
async def rebuild_sitemap():
    return {"started": builder.start()}

"""The rebuild route is a plain `def`: FastAPI runs it on its threadpool, so two requests call
`start()` on two threads at once; both may see no live thread and store a thread each."""
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
def rebuild_sitemap():
    return {"started": builder.start()}

"""IL103 on `app.state.downloads`: FastAPI runs the plain `def` handler of every request in its
thread pool, many at once; each does `request.app.state.downloads += 1` on the one Starlette
state namespace of the app, so two requests can read the same count and both write it plus one."""
from fastapi import FastAPI, Request

app = FastAPI()
app.state.downloads = 0


@app.get("/download/{name}")
def download(name: str, request: Request):
    request.app.state.downloads += 1
    return {"file": name}


@app.get("/stats")
def stats(request: Request):
    return {"downloads": request.app.state.downloads}

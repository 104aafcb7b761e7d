"""The count is bumped under a lock that every request takes."""
import threading

from fastapi import FastAPI, Request

app = FastAPI()
app.state.downloads = 0
app.state.downloads_lock = threading.Lock()


@app.get("/download/{name}")
def download(name: str, request: Request):
    with request.app.state.downloads_lock:
        request.app.state.downloads += 1
    return {"file": name}


@app.get("/stats")
def stats(request: Request):
    with request.app.state.downloads_lock:
        return {"downloads": request.app.state.downloads}

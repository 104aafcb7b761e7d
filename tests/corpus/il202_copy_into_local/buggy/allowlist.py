"""IL202 on `allowlist._extra`: `allowed_dirs` (an executor job) walks `_extra` with a `for` loop
while the `POST /dirs` handlers append to it from other threads."""
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI

app = FastAPI()
POOL = ThreadPoolExecutor(4)
_extra: list[str] = []


def register(path: str) -> None:
    _extra.append(path)


def allowed_dirs() -> list[str]:
    out = ["/music"]
    for folder in _extra:
        out.append(folder)
    return out


def is_allowed(path: str) -> bool:
    return any(path.startswith(d) for d in allowed_dirs())


@app.post("/dirs")
def add_dir(path: str) -> None:
    register(path)


@app.get("/check")
def check_path(path: str) -> bool:
    return POOL.submit(is_allowed, path).result()

"""Silent: `allowed_dirs` copies `_extra` with `out.extend(_extra)`, one C call that holds the GIL
(as `list(_extra)` does), so the appends of the `POST /dirs` handlers never see it half-walked."""
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI

app = FastAPI()
POOL = ThreadPoolExecutor(4)
DEFAULTS = ["/music"]
_extra: list[str] = []


def register(path: str) -> None:
    _extra.append(path)


def allowed_dirs() -> list[str]:
    out = DEFAULTS.copy()
    out.extend(_extra)
    return out


def is_allowed(path: str) -> bool:
    return any(path.startswith(d) for d in allowed_dirs())


@app.post("/dirs")
def add_dir(path: str) -> None:
    register(path)


@app.get("/check")
def check_path(path: str) -> bool:
    return POOL.submit(is_allowed, path).result()

"""Upload API: sync handlers, which FastAPI runs on its threadpool, charge the quota."""
from typing import Annotated

from fastapi import Depends, FastAPI, Request

from quota import QuotaService

app = FastAPI()
app.state.quota = QuotaService(limit=10 * 2**20)


def get_quota(request: Request) -> QuotaService:
    return request.app.state.quota


Quota = Annotated[QuotaService, Depends(get_quota)]


@app.post("/upload/{name}")
def upload(name: str, size: int, quota: Quota) -> dict:
    return {"name": name, "accepted": quota.charge(size)}

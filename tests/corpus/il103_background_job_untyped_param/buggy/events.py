"""IL103 on `Usage.events`: each request queues `record_usage(usage, n)` as a background job;
Starlette runs a plain `def` job in its thread pool, so the jobs of concurrent requests run at
once, and the unannotated `record_usage` does `usage.events += n` on the one module-wide usage."""
from fastapi import BackgroundTasks, FastAPI


class Usage:
    def __init__(self):
        self.events = 0


usage = Usage()
app = FastAPI()


def record_usage(counter, n):
    counter.events += n


@app.post("/events")
async def ingest(batch: list[dict], background: BackgroundTasks):
    background.add_task(record_usage, usage, len(batch))
    return {"accepted": len(batch)}

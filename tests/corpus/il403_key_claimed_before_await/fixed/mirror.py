"""Fixed twin: `mirror` claims the repository's slot (`self.syncing[repo] = None`) right after
finding it free, with no await in between, so a second request for the same repository sees
the claim during the clone and leaves; the writes after the await fill and free the run's own slot."""
import asyncio

from fastapi import FastAPI, HTTPException

app = FastAPI()


class Mirror:
    def __init__(self):
        self.syncing: dict = {}

    async def _clone(self, repo: str):
        return await asyncio.create_subprocess_exec("git", "clone", "--mirror", repo)

    async def mirror(self, repo: str) -> None:
        if repo in self.syncing:
            raise HTTPException(409, "already syncing")
        self.syncing[repo] = None
        try:
            proc = await self._clone(repo)
            self.syncing[repo] = proc
            await proc.wait()
        finally:
            del self.syncing[repo]


mirrors = Mirror()


@app.post("/mirror/{repo}")
async def mirror(repo: str):
    await mirrors.mirror(repo)

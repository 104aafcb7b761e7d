"""IL403: `mirror` finds the repository's slot free, awaits the clone, and only then takes the
slot, so two requests for one repository both pass the check and clone it twice."""
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

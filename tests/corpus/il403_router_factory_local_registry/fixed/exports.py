"""Fixed twin: the check, the await and the registration happen under the factory's lock, which
every request shares."""
import asyncio

from fastapi import APIRouter, HTTPException


def create_export_router(library) -> APIRouter:
    router = APIRouter(prefix="/api/exports")
    _exports: dict = {}
    _guard = asyncio.Lock()

    @router.post("/{playlist_id}")
    async def start_export(playlist_id: int):
        async with _guard:
            if playlist_id in _exports:
                raise HTTPException(status_code=409, detail="export already running")
            tracks = await library.tracks_of(playlist_id)
            _exports[playlist_id] = asyncio.create_task(library.write_archive(tracks))
        return {"playlist": playlist_id, "tracks": len(tracks)}

    @router.delete("/{playlist_id}")
    async def cancel_export(playlist_id: int):
        async with _guard:
            task = _exports.pop(playlist_id, None)
        if task is not None:
            task.cancel()
        return {"cancelled": task is not None}

    return router

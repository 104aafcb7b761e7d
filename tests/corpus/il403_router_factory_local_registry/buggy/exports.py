"""IL403: `_exports` and `_guard` are locals of the router factory, but every request its nested
handlers serve shares them (closure cells). `start_export` checks the playlist is not being
exported, awaits the track listing, then registers the export: two requests for one playlist
both pass the check."""
import asyncio

from fastapi import APIRouter, HTTPException


def create_export_router(library) -> APIRouter:
    router = APIRouter(prefix="/api/exports")
    _exports: dict = {}
    _guard = asyncio.Lock()

    @router.post("/{playlist_id}")
    async def start_export(playlist_id: int):
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

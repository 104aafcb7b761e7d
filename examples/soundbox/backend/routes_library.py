"""REST access to the library: browsing, search, scanning, play history."""
from __future__ import annotations

import logging

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from soundbox.backend.dependencies import chunked, history, repository, scanner

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/library")


class ScanRequest(BaseModel):
    folders: list[str]


@router.get("/tracks")
def list_tracks(limit: int = 100, offset: int = 0) -> dict:
    tracks = repository.list_tracks(limit, offset)
    return {"total": repository.count(), "tracks": [t.to_dict() for t in tracks]}


@router.get("/tracks/{track_id}")
def get_track(track_id: int) -> dict:
    track = repository.get(track_id)
    if track is None:
        raise HTTPException(status_code=404, detail=f"no track {track_id}")
    return track.to_dict()


@router.get("/search")
async def search_library(q: str, limit: int = 50) -> dict:
    if len(q) < 2:
        return {"tracks": []}
    tracks = repository.search(q, limit)
    return {"tracks": [t.to_dict() for t in tracks]}


@router.post("/scan")
def start_scan(req: ScanRequest) -> dict:
    if not req.folders:
        raise HTTPException(status_code=422, detail="no folders given")
    return {"started": scanner.start_scan(req.folders)}


@router.get("/scan")
def scan_progress() -> dict:
    return scanner.progress()


@router.delete("/scan")
def cancel_scan() -> dict:
    scanner.cancel()
    return {"cancelled": True}


@router.get("/history")
def recent_plays(limit: int = 20) -> dict:
    return {"plays": history.recent(limit)}


@router.get("/stats")
def stats() -> dict:
    return {"tracks": repository.count(), "render": chunked.stats()}

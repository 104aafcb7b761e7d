"""REST control of the player: transport, queue, DSP. Plain `def` handlers run in FastAPI's
threadpool, so several of them can run at once."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from soundbox.backend.dependencies import player, repository
from soundbox.player.types import PlayerError, TrackInfo

logger = logging.getLogger(__name__)
router = APIRouter(prefix="/api/player")


class SeekRequest(BaseModel):
    seconds: float


class QueueRequest(BaseModel):
    track_ids: list[int]
    start_index: int = 0


class EqRequest(BaseModel):
    bands: dict[float, float]


def _track_info(track_id: int) -> TrackInfo:
    track = repository.get(track_id)
    if track is None:
        raise HTTPException(status_code=404, detail=f"no track {track_id}")
    return TrackInfo(track.id, track.path, track.title, track.artist, track.replay_gain_db)


@router.get("/status")
def status() -> dict:
    return player.get_status()


@router.post("/play")
def play() -> dict:
    return {"playing": player.play()}


@router.post("/pause")
def pause() -> dict:
    return {"paused": player.pause()}


@router.post("/stop")
def stop() -> dict:
    return {"stopped": player.stop()}


@router.post("/seek")
def seek(req: SeekRequest) -> dict:
    if req.seconds < 0:
        raise HTTPException(status_code=422, detail="seconds must be >= 0")
    return {"ok": player.seek(req.seconds)}


@router.post("/load/{track_id}")
async def load(track_id: int) -> dict:
    # Decoding takes seconds: keep it off the event loop.
    info = await asyncio.to_thread(_track_info, track_id)
    try:
        await asyncio.to_thread(player.load_track, info)
    except PlayerError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return {"loaded": info.track_id}


@router.post("/next")
def next_track() -> dict:
    return {"ok": player.next_track()}


@router.post("/previous")
def previous_track() -> dict:
    return {"ok": player.previous_track()}


@router.get("/queue")
def get_queue() -> dict:
    return player.queue_snapshot()


@router.put("/queue")
def set_queue(req: QueueRequest) -> dict:
    tracks = [_track_info(i) for i in req.track_ids]
    player.set_queue(tracks, req.start_index)
    return player.queue_snapshot()


@router.post("/queue")
def add_to_queue(req: QueueRequest) -> dict:
    return {"added": player.add_to_queue(_track_info(i) for i in req.track_ids)}


@router.delete("/queue/{index}")
def remove_from_queue(index: int) -> dict:
    return {"removed": player.remove_from_queue(index)}


@router.post("/queue/shuffle")
def shuffle() -> dict:
    player.shuffle_queue()
    return player.queue_snapshot()


@router.delete("/queue")
def clear_queue() -> dict:
    player.clear_queue()
    return {"ok": True}


@router.put("/dsp/eq")
def set_eq(req: EqRequest) -> dict:
    player.set_equalizer(req.bands)
    return player.dsp_status()


@router.delete("/dsp")
def reset_dsp() -> dict:
    player.reset_dsp()
    return player.dsp_status()


@router.get("/dsp")
def dsp_status() -> dict:
    return player.dsp_status()

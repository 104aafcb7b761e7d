"""WebSocket audio streaming: `/ws/stream` sends a track as processed float32 chunks.

Each connection gets a sender task that renders chunk after chunk on a worker thread and
sends it; the receive loop of the same connection handles `seek` and `stop` commands. All of
`AudioStreamController`'s state lives on the event loop.
"""
from __future__ import annotations

import asyncio
import logging

import numpy as np
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from soundbox.backend.dependencies import chunked, repository
from soundbox.player.file_manager import decode_file
from soundbox.processing.chunked import ChunkedProcessor

logger = logging.getLogger(__name__)
router = APIRouter()


class AudioStreamController:
    """Per-connection chunk cursors and sender tasks, keyed by connection id."""

    def __init__(self, processor: ChunkedProcessor) -> None:
        self.processor = processor
        self.active_streams: dict[int, asyncio.Task] = {}
        self._positions: dict[int, int] = {}

    async def handle(self, websocket: WebSocket, path: str) -> None:
        """Serve one connection until the client stops or disconnects."""
        conn_id = id(websocket)
        self._positions[conn_id] = 0
        sender = asyncio.create_task(self._send_loop(conn_id, websocket, path))
        self.active_streams[conn_id] = sender
        try:
            while not sender.done():
                message = await websocket.receive_json()
                if message.get("type") == "stop":
                    break
                self._handle_command(conn_id, message)
        except WebSocketDisconnect:
            logger.info("stream client %d went away", conn_id)
        finally:
            sender.cancel()
            self.active_streams.pop(conn_id, None)
            self._positions.pop(conn_id, None)

    def _handle_command(self, conn_id: int, message: dict) -> None:
        if message.get("type") == "seek":
            chunk = max(0, int(message.get("chunk", 0)))
            self._positions[conn_id] = chunk
            logger.debug("stream %d seeks to chunk %d", conn_id, chunk)

    async def _send_loop(self, conn_id: int, websocket: WebSocket, path: str) -> None:
        audio, rate = await asyncio.to_thread(decode_file, path)
        total = self.processor.chunk_count(len(audio))
        await websocket.send_json({"type": "start", "chunks": total, "sample_rate": rate})
        while True:
            index = self._positions.get(conn_id, 0)
            data = await self._render(audio, index)
            if not data:
                break
            await websocket.send_bytes(data)
            self._positions[conn_id] = index + 1
        await websocket.send_json({"type": "end"})

    async def _render(self, audio: np.ndarray, index: int) -> bytes:
        """Chunk `index` as float32 bytes; empty past the end of the track."""
        if index >= self.processor.chunk_count(len(audio)):
            return b""
        chunk = await asyncio.to_thread(self.processor.render_chunk, audio, index)
        return chunk.astype(np.float32).tobytes()


stream_controller = AudioStreamController(chunked)


@router.websocket("/ws/stream/{track_id}")
async def stream_track(websocket: WebSocket, track_id: int) -> None:
    await websocket.accept()
    track = await asyncio.to_thread(repository.get, track_id)
    if track is None:
        await websocket.close(code=4404, reason="unknown track")
        return
    await stream_controller.handle(websocket, track.path)

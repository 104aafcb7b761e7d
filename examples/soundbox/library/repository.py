"""Read/write access to library tracks for the API."""
from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from soundbox.library.database import LibraryDatabase
from soundbox.library.models import Track

logger = logging.getLogger(__name__)
SLOW_QUERY_SECONDS = 0.25


class TrackRepository:
    """Track queries. Created once at startup and shared by the request handlers."""

    def __init__(self, db: LibraryDatabase) -> None:
        self.session = Session(db.engine, expire_on_commit=False)

    def search(self, text: str, limit: int = 50) -> list[Track]:
        pattern = f"%{text}%"
        return self._scalars(select(Track).where(or_(Track.title.ilike(pattern), Track.artist.ilike(pattern))).limit(limit))

    def list_tracks(self, limit: int = 100, offset: int = 0) -> list[Track]:
        return self._scalars(select(Track).order_by(Track.artist, Track.title).limit(limit).offset(offset))

    def get(self, track_id: int) -> Track | None:
        rows = self._scalars(select(Track).where(Track.id == track_id))
        return rows[0] if rows else None

    def count(self) -> int:
        return int(self._scalars(select(func.count(Track.id)))[0])

    def set_replay_gain(self, track_id: int, gain_db: float) -> None:
        """Used by the `soundbox-analyze` command line tool, never by the server."""
        self.session.execute(update(Track).where(Track.id == track_id).values(replay_gain_db=gain_db))
        self.session.commit()

    def _scalars(self, stmt: Any) -> list[Any]:
        """Run one query and return the first column of every row, logging slow queries."""
        started = time.perf_counter()
        rows = list(self.session.execute(stmt).scalars().all())
        elapsed = time.perf_counter() - started
        if elapsed > SLOW_QUERY_SECONDS:
            logger.warning("slow query (%.3fs): %s", elapsed, stmt)
        return rows

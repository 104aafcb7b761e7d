"""Play history: one row per played track, in a small SQLite file of its own (sqlite3, no ORM)."""
from __future__ import annotations

import logging
import sqlite3
import time

from soundbox.player.types import TrackInfo

logger = logging.getLogger(__name__)

SCHEMA = """CREATE TABLE IF NOT EXISTS plays (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    track_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    played_at REAL NOT NULL
)"""


class PlayHistory:
    def __init__(self, db_path: str) -> None:
        self._conn = sqlite3.connect(db_path)
        self._conn.execute(SCHEMA)
        self._conn.commit()

    def record_play(self, track: TrackInfo) -> None:
        """Track listener: called by the player whenever a new track is loaded."""
        self._execute("INSERT INTO plays (track_id, title, played_at) VALUES (?, ?, ?)",
                      (track.track_id, track.display_name, time.time()), commit=True)

    def recent(self, limit: int = 20) -> list[dict]:
        rows = self._execute("SELECT track_id, title, played_at FROM plays ORDER BY id DESC LIMIT ?",
                             (limit,)).fetchall()
        return [{"track_id": r[0], "title": r[1], "played_at": r[2]} for r in rows]

    def _execute(self, sql: str, params: tuple = (), commit: bool = False) -> sqlite3.Cursor:
        try:
            cursor = self._conn.execute(sql, params)
            if commit:
                self._conn.commit()
            return cursor
        except sqlite3.Error:
            logger.exception("history query failed: %s", sql)
            raise

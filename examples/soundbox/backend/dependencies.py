"""Process-wide singletons, built once at import time and shared by every request handler."""
from __future__ import annotations

import logging
import os

from soundbox.library.database import LibraryDatabase
from soundbox.library.history import PlayHistory
from soundbox.library.repository import TrackRepository
from soundbox.library.scanner import LibraryScanner
from soundbox.player.audio_player import AudioPlayer
from soundbox.player.types import PlayerConfig
from soundbox.processing.chunked import ChunkedProcessor

logger = logging.getLogger(__name__)

DATA_DIR = os.environ.get("SOUNDBOX_DATA", os.path.expanduser("~/.soundbox"))
os.makedirs(DATA_DIR, exist_ok=True)

config = PlayerConfig()
player = AudioPlayer(config)
database = LibraryDatabase(os.path.join(DATA_DIR, "library.db"))
repository = TrackRepository(database)
scanner = LibraryScanner(database)
history = PlayHistory(os.path.join(DATA_DIR, "history.db"))
chunked = ChunkedProcessor(config.sample_rate, max_workers=2)

player.add_track_listener(history.record_play)

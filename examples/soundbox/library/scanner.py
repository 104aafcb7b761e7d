"""Library scanner: walks music folders on a background thread and imports new files in batches.

The walk runs on one scanner thread; reading tags and inserting rows is spread over a small
import pool. Progress counters are guarded by `LibraryScanner._lock`.
"""
from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Iterable

import soundfile as sf

from soundbox.library.database import LibraryDatabase
from soundbox.library.models import Track

logger = logging.getLogger(__name__)

AUDIO_EXTENSIONS = (".flac", ".wav", ".ogg", ".aiff")
BATCH_SIZE = 200


def _empty_progress() -> dict[str, int]:
    return {"found": 0, "imported": 0, "failed": 0, "running": 0}


class LibraryScanner:
    def __init__(self, db: LibraryDatabase) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="library-import")
        self._progress = _empty_progress()

    def start_scan(self, folders: Iterable[str]) -> bool:
        """Start scanning `folders` in the background; False if a scan is already running."""
        with self._lock:
            running = self._thread is not None and self._thread.is_alive()
        if running:
            logger.info("scan already running")
            return False
        self._cancel.clear()
        thread = threading.Thread(target=self._scan_worker, args=(list(folders),), name="library-scan", daemon=True)
        with self._lock:
            self._thread = thread
            self._progress = _empty_progress()
            self._progress["running"] = 1
        thread.start()
        return True

    def cancel(self) -> None:
        self._cancel.set()

    def progress(self) -> dict[str, int]:
        with self._lock:
            return dict(self._progress)

    def _scan_worker(self, folders: list[str]) -> None:
        futures: list[Future] = []
        batch: list[str] = []
        for path in self._walk(folders):
            batch.append(path)
            if len(batch) >= BATCH_SIZE:
                futures.append(self._pool.submit(self._import_batch, batch))
                batch = []
        if batch:
            futures.append(self._pool.submit(self._import_batch, batch))
        for future in futures:
            try:
                future.result()
            except Exception:
                logger.exception("import batch failed")
        with self._lock:
            self._progress["running"] = 0
        logger.info("scan finished: %s", self.progress())

    def _walk(self, folders: list[str]) -> Iterable[str]:
        for folder in folders:
            for root, _dirs, files in os.walk(folder):
                if self._cancel.is_set():
                    logger.info("scan cancelled")
                    return
                found = [os.path.join(root, f) for f in files if f.lower().endswith(AUDIO_EXTENSIONS)]
                with self._lock:
                    self._progress["found"] += len(found)
                yield from found

    def _import_batch(self, paths: list[str]) -> int:
        rows: list[Track] = []
        failed = 0
        for path in paths:
            try:
                info = sf.info(path)
            except RuntimeError:
                failed += 1
                continue
            title = os.path.splitext(os.path.basename(path))[0]
            rows.append(Track(path=path, title=title, duration=float(info.duration),
                              sample_rate=int(info.samplerate), channels=int(info.channels)))
        with self.db.session_scope() as session:
            session.add_all(rows)
        with self._lock:
            self._progress["imported"] += len(rows)
            self._progress["failed"] += failed
        return len(rows)

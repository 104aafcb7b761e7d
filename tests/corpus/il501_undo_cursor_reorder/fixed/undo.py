import threading
from typing import List, Optional


class UndoStack:
    """`cursor` is -1 before the first edit, else the index of the last applied edit.
    Every field changes under one RLock; public methods call each other."""

    def __init__(self):
        self._lock = threading.RLock()
        self.edits: List[str] = []
        self.cursor = -1

    def record(self, edit: str):
        with self._lock:
            self.edits.append(edit)

    def next_redo(self) -> Optional[str]:
        with self._lock:
            n = self.cursor + 1
            return self.edits[n] if n < len(self.edits) else None

    def redo(self) -> Optional[str]:
        with self._lock:
            edit = self.next_redo()
            if edit is None:
                return None
            self.cursor += 1
            return edit

    def compact(self):
        # keep the applied edits, replay the pending ones newest first
        with self._lock:
            applied = self.edits[: self.cursor + 1]
            pending = self.edits[self.cursor + 1:]
            pending.reverse()
            self.edits = applied + pending

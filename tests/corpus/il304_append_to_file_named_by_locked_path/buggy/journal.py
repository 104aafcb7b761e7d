"""IL304 on `PlayJournal._file_lock`: the recorder thread appends each entry to the journal
file while holding the lock, and `entries_written`, a counter the UI polls, takes the same lock
without touching the file, so every poll waits for a file write."""
import queue
import threading


class PlayJournal:
    def __init__(self, file_path):
        self._file_path = file_path
        self._file_lock = threading.Lock()
        self._entries = queue.Queue()
        self._written = 0
        threading.Thread(target=self._record, daemon=True).start()

    def log(self, entry):
        self._entries.put(entry)

    def _record(self):
        while True:
            entry = self._entries.get()
            with self._file_lock:
                with open(self._file_path, "a", encoding="utf-8") as out:
                    out.write(entry + "\n")
                self._written += 1

    def switch_day(self, file_path):
        with self._file_lock:
            self._file_path = file_path

    def entries_written(self):
        with self._file_lock:
            return self._written

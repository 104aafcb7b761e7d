"""Silent: the recorder thread appends each entry to the journal file while holding
`_file_lock`, and `switch_day` takes the same lock to change `_file_path`. The lock exists so
that the path never changes in the middle of an entry: the only other user waits for the file
write on purpose, and nothing else needs the lock."""
import queue
import threading


class PlayJournal:
    def __init__(self, file_path):
        self._file_path = file_path
        self._file_lock = threading.Lock()
        self._entries = queue.Queue()
        threading.Thread(target=self._record, daemon=True).start()

    def log(self, entry):
        self._entries.put(entry)

    def _record(self):
        while True:
            entry = self._entries.get()
            with self._file_lock:
                with open(self._file_path, "a", encoding="utf-8") as out:
                    out.write(entry + "\n")

    def switch_day(self, file_path):
        with self._file_lock:
            self._file_path = file_path

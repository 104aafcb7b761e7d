"""Each upload thread builds its own ChunkSender; the shared tally is taken under a lock."""
import threading

from sender import ChunkSender


class Uploader:
    def __init__(self):
        self._lock = threading.Lock()
        self.sent_bytes = 0

    def _count(self, n):
        with self._lock:
            self.sent_bytes += n

    def _upload(self, path, chunks):
        sender = ChunkSender(path, on_sent=self._count)
        sender.send_all(chunks)

    def upload_all(self, files):
        for path, chunks in files.items():
            threading.Thread(target=self._upload, args=(path, chunks)).start()

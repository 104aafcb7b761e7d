"""Each upload thread builds its own ChunkSender, but all of them report to one Uploader."""
import threading

from sender import ChunkSender


class Uploader:
    def __init__(self):
        self.sent_bytes = 0

    def _count(self, n):
        self.sent_bytes += n             # run by every upload thread at once

    def _upload(self, path, chunks):
        sender = ChunkSender(path, on_sent=self._count)
        sender.send_all(chunks)

    def upload_all(self, files):
        for path, chunks in files.items():
            threading.Thread(target=self._upload, args=(path, chunks)).start()

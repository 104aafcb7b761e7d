"""Cover-art indexer: worker threads record each image's size in the database."""
import os
import queue
import threading

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker


class CoverIndexer:
    def __init__(self, url, workers=3):
        self.engine = create_engine(url)
        self.Session = sessionmaker(bind=self.engine)
        self.paths = queue.Queue()
        self.workers = [threading.Thread(target=self._work, daemon=True) for _ in range(workers)]

    def start(self):
        for w in self.workers:
            w.start()

    def _work(self):
        while True:
            path = self.paths.get()
            if path is None:
                return
            with self.Session() as session:
                session.execute(text("INSERT INTO covers (path, size) VALUES (:p, :s)"),
                                {"p": path, "s": os.path.getsize(path)})
                session.commit()


if __name__ == "__main__":
    idx = CoverIndexer("sqlite:///covers.db")
    idx.start()
    for p in ("a.jpg", "b.jpg", "c.jpg"):
        idx.paths.put(p)

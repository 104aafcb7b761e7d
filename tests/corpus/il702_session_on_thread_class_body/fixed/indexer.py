"""Fixed twin: each indexer opens its own session in its constructor."""
import threading

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://idx@db/photos", pool_pre_ping=True, pool_size=10)
SessionLocal = sessionmaker(bind=engine)


class AlbumIndexer(threading.Thread):
    db = None

    def __init__(self, album):
        super().__init__()
        self.db = SessionLocal()
        self.album = album

    def run(self):
        self.db.execute(text("INSERT INTO albums(name) VALUES (:a)"), {"a": self.album})
        self.db.commit()


def index_all(albums):
    for a in albums:
        AlbumIndexer(a).start()

"""IL702 on `AlbumIndexer.db`: the session is bound in the class body, so it is one session that
every indexer thread reaches through `self.db` (not one per thread object)."""
import threading

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://idx@db/photos", pool_pre_ping=True, pool_size=10)
SessionLocal = sessionmaker(bind=engine)


class AlbumIndexer(threading.Thread):
    db = SessionLocal()

    def __init__(self, album):
        super().__init__()
        self.album = album

    def run(self):
        self.db.execute(text("INSERT INTO albums(name) VALUES (:a)"), {"a": self.album})
        self.db.commit()


def index_all(albums):
    for a in albums:
        AlbumIndexer(a).start()

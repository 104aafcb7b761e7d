"""IL702: TrackRepository.session is used both by the import thread and by count() from the
api: one Session shared across threads."""
import threading

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker


class TrackRepository:
    def __init__(self, url):
        self.engine = create_engine(url)
        self.session = Session(self.engine)
        self._scanner = threading.Thread(target=self._import_loop, daemon=True)
        self._scanner.start()

    def count(self):
        return self.session.execute(text("SELECT count(*) FROM tracks")).scalar()

    def _import_loop(self):
        self.session.execute(text("INSERT INTO tracks(title) VALUES ('new')"))
        self.session.commit()

"""Fixed: each unit of work opens its own session from a sessionmaker."""
import threading

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker


class TrackRepository:
    def __init__(self, url):
        self.engine = create_engine(url)
        self.sessions = sessionmaker(bind=self.engine)
        self._scanner = threading.Thread(target=self._import_loop, daemon=True)
        self._scanner.start()

    def count(self):
        with self.sessions() as session:
            return session.execute(text("SELECT count(*) FROM tracks")).scalar()

    def _import_loop(self):
        with self.sessions() as session:
            session.execute(text("INSERT INTO tracks(title) VALUES ('new')"))
            session.commit()

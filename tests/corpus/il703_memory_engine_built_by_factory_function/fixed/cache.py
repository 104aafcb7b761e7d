"""An in-memory waveform-peak cache filled by a background thread and read by the UI."""
import threading

from sqlalchemy import Column, Float, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base
from sqlalchemy.pool import StaticPool

Base = declarative_base()


class Peak(Base):
    __tablename__ = "peaks"
    id = Column(Integer, primary_key=True)
    track = Column(String, index=True)
    value = Column(Float)


def make_engine():
    # one shared in-memory database: a single connection, usable from any thread
    engine = create_engine("sqlite://", future=True, poolclass=StaticPool,
                           connect_args={"check_same_thread": False})
    Base.metadata.create_all(engine)
    return engine


class PeakCache:
    def __init__(self):
        self.engine = make_engine()
        self._write_lock = threading.Lock()

    def store(self, track, values):
        with self._write_lock, Session(self.engine) as s, s.begin():
            s.add_all(Peak(track=track, value=v) for v in values)

    def load(self, track):
        with self._write_lock, Session(self.engine) as s:
            return [p.value for p in s.scalars(select(Peak).where(Peak.track == track))]


def fill(cache, tracks):
    for t in tracks:
        cache.store(t, [0.1, 0.5, 0.9])


if __name__ == "__main__":
    cache = PeakCache()
    worker = threading.Thread(target=fill, args=(cache, ["a", "b"]))
    worker.start()
    print(cache.load("a"))
    worker.join()

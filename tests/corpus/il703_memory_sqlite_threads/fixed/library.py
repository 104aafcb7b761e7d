"""Fixed: StaticPool shares one in-memory database, check_same_thread=False allows the threads."""
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
SessionLocal = sessionmaker(bind=engine)
executor = ThreadPoolExecutor(max_workers=4)


def index_track(path):
    with SessionLocal() as session:
        session.execute(text("INSERT INTO tracks(path) VALUES (:p)"), {"p": path})
        session.commit()


def reindex(paths):
    for path in paths:
        executor.submit(index_track, path)

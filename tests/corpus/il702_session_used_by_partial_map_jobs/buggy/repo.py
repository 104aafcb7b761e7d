"""IL702 on `ThumbRepo.session`: every pool job saves through the one repository `run` builds,
and so through its one ORM session, at the same time. The jobs reach it through
`pool.map(functools.partial(make_thumb, repo), ids)`: the partial binds `repo`, the pool passes each id."""
import functools
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

engine = create_engine("postgresql://app@db/media", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine)


class ThumbRepo:
    def __init__(self):
        self.session = SessionLocal()

    def save(self, media_id, path):
        self.session.execute("UPDATE media SET thumb = :p WHERE id = :i", {"p": path, "i": media_id})
        self.session.commit()


def make_thumb(repo, media_id):
    path = f"/thumbs/{media_id}.jpg"
    repo.save(media_id, path)
    return path


def run(ids):
    repo = ThumbRepo()
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(functools.partial(make_thumb, repo), ids))

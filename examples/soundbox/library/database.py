"""Engine and session factory for the library database (one SQLite file)."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

from sqlalchemy import create_engine
from sqlalchemy.orm import Session, sessionmaker

from soundbox.library.models import Base

logger = logging.getLogger(__name__)


class LibraryDatabase:
    """Owns the engine; hands out one short-lived session per unit of work."""

    def __init__(self, db_path: str) -> None:
        # SQLite has a single writer, so a small pool is plenty (or so the comment said).
        self.engine = create_engine(
            f"sqlite:///{db_path}",
            connect_args={"check_same_thread": False},
            pool_size=2,
            max_overflow=0,
            pool_timeout=10,
        )
        self.SessionLocal = sessionmaker(bind=self.engine, expire_on_commit=False)
        Base.metadata.create_all(self.engine)
        logger.info("library database at %s", db_path)

    @contextmanager
    def session_scope(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        session = self.SessionLocal()
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
        finally:
            session.close()

"""ORM models of the library database."""
from __future__ import annotations

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Track(Base):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(1024), unique=True, index=True)
    title: Mapped[str] = mapped_column(String(512), default="")
    artist: Mapped[str] = mapped_column(String(512), default="", index=True)
    duration: Mapped[float] = mapped_column(Float, default=0.0)
    sample_rate: Mapped[int] = mapped_column(Integer, default=44100)
    channels: Mapped[int] = mapped_column(Integer, default=2)
    replay_gain_db: Mapped[float] = mapped_column(Float, default=0.0)

    def to_dict(self) -> dict:
        return {"id": self.id, "path": self.path, "title": self.title, "artist": self.artist,
                "duration": self.duration}

"""IL702: one module-level Session `db` is used by the sync route handlers, which FastAPI runs
concurrently in its threadpool: requests share one transaction."""
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

app = FastAPI()
engine = create_engine("sqlite:///library.db")
SessionLocal = sessionmaker(bind=engine)
db = SessionLocal()


def get_db():
    with SessionLocal() as session:
        yield session


@app.get("/tracks")
def list_tracks():
    return db.execute(text("SELECT id, title FROM tracks")).all()


@app.post("/tracks")
def add_track(title: str):
    db.execute(text("INSERT INTO tracks(title) VALUES (:t)"), {"t": title})
    db.commit()

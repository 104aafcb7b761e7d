"""Fixed: each request gets its own session from the get_db dependency."""
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

app = FastAPI()
engine = create_engine("sqlite:///library.db")
SessionLocal = sessionmaker(bind=engine)



def get_db():
    with SessionLocal() as session:
        yield session


@app.get("/tracks")
def list_tracks(db=Depends(get_db)):
    return db.execute(text("SELECT id, title FROM tracks")).all()


@app.post("/tracks")
def add_track(title: str, db=Depends(get_db)):
    db.execute(text("INSERT INTO tracks(title) VALUES (:t)"), {"t": title})
    db.commit()

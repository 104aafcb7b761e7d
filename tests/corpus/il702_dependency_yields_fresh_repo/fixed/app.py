"""Fixed twin: the dependency builds a new `NoteStore` on a new session for each request and
closes the session when the request ends: no two requests share one."""
from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("sqlite:///./notes.db", connect_args={"check_same_thread": False})
Factory = sessionmaker(bind=engine)


class NoteStore:
    def __init__(self, db: Session) -> None:
        self.db = db

    def titles(self) -> list[str]:
        return [row[0] for row in self.db.execute(text("SELECT title FROM notes"))]

    def add(self, title: str) -> None:
        self.db.execute(text("INSERT INTO notes (title) VALUES (:t)"), {"t": title})
        self.db.commit()


def notes():
    db = Factory()
    try:
        yield NoteStore(db)
    finally:
        db.close()


app = FastAPI()


@app.get("/notes")
def list_notes(store: NoteStore = Depends(notes)):
    return store.titles()


@app.post("/notes")
def add_note(title: str, store: NoteStore = Depends(notes)):
    store.add(title)
    return {"ok": True}

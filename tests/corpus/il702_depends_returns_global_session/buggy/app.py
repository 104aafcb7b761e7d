"""IL702 on `app.shared_db`: the dependency `session()` hands every request the one module
session, so two requests flush and commit in the same transaction."""
from typing import Annotated

from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql://radio@localhost/radio", pool_pre_ping=True)
Factory = sessionmaker(bind=engine)
shared_db = Factory()

app = FastAPI()


def session() -> Session:
    return shared_db


@app.get("/stations")
def stations(db: Annotated[Session, Depends(session)]):
    return db.execute(text("select name from stations")).all()


@app.post("/stations")
def add_station(name: str, db: Session = Depends(session)):
    db.execute(text("insert into stations(name) values (:n)"), {"n": name})
    db.commit()

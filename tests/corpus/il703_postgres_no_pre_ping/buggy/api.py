"""IL703: the Postgres engine serving concurrent request threads has no pool_pre_ping: after a
database restart every pooled connection fails once with 'server closed the connection'."""
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

app = FastAPI()
engine = create_engine("postgresql://app@db/library")
SessionLocal = sessionmaker(bind=engine)


@app.get("/artists")
def artists():
    with SessionLocal() as session:
        return session.execute(text("SELECT name FROM artists")).scalars().all()


@app.get("/albums")
def albums():
    with SessionLocal() as session:
        return session.execute(text("SELECT title FROM albums")).scalars().all()

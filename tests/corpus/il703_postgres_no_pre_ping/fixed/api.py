"""Fixed: pool_pre_ping checks each connection on checkout."""
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

app = FastAPI()
engine = create_engine("postgresql://app@db/library", pool_pre_ping=True)
SessionLocal = sessionmaker(bind=engine)


@app.get("/artists")
def artists():
    with SessionLocal() as session:
        return session.execute(text("SELECT name FROM artists")).scalars().all()


@app.get("/albums")
def albums():
    with SessionLocal() as session:
        return session.execute(text("SELECT title FROM albums")).scalars().all()

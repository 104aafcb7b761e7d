import functools

from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql://shop@db/catalog", pool_pre_ping=True)
MakeSession = sessionmaker(bind=engine, autoflush=False)
api = FastAPI()


def catalog_session():
    db = MakeSession()
    try:
        yield db
    finally:
        db.close()


@functools.lru_cache
def price_table() -> dict:
    return {"eur": 1.0, "usd": 1.08}


@api.get("/products/{sku}")
def product(sku: str, db: Session = Depends(catalog_session)):
    row = db.execute(text("select name, cents from products where sku = :s"), {"s": sku}).one()
    return {"name": row.name, "price": row.cents * price_table()["eur"]}


@api.put("/products/{sku}/stock")
def restock(sku: str, qty: int, db: Session = Depends(catalog_session)):
    db.execute(text("update products set stock = stock + :q where sku = :s"), {"q": qty, "s": sku})
    db.commit()

from fastapi import FastAPI
from sqlalchemy import select

from storage import make_session

api = FastAPI()


class ShelfLookup:
    def __init__(self, open_session, table):
        self._open_session = open_session
        self._table = table

    def quantity(self, sku):
        with self._open_session() as db:
            row = db.execute(select(self._table).where(self._table.c.sku == sku)).first()
        return row.qty if row else 0


shelves = ShelfLookup(make_session, table=None)


@api.get("/stock/{sku}")
async def stock_level(sku: str):
    return {"sku": sku, "qty": shelves.quantity(sku)}

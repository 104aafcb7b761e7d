"""IL401 on `sqlite3.connect`: `db` is an instance of the all-caps class `DB`, so the route's
`db.count()` runs its sqlite3 query on the event loop."""
import sqlite3

from fastapi import FastAPI

app = FastAPI()


class DB:
    def __init__(self, path):
        self.path = path

    def count(self):
        with sqlite3.connect(self.path) as conn:
            return conn.execute("select count(*) from tracks").fetchone()[0]


db = DB("library.db")


@app.get("/count")
async def count_rows():
    return {"n": db.count()}

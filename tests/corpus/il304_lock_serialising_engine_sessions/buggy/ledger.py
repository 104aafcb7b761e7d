"""IL304: `_conn_lock` serialises the one StaticPool connection of an in-memory SQLite engine,
but `bump_views` also takes it just to count page views: every view waits out the SQL of a
concurrent `post` or `balance`."""
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

engine = create_engine("sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False})
_conn_lock = threading.Lock()
views = {"n": 0}


def post(account: str, cents: int) -> None:
    with _conn_lock:
        with Session(bind=engine) as db:
            db.execute(text("INSERT INTO ledger VALUES (:a, :c)"), {"a": account, "c": cents})
            db.commit()


def balance(account: str) -> int:
    with _conn_lock, Session(engine) as db:
        return db.scalar(text("SELECT sum(c) FROM ledger WHERE a = :a"), {"a": account})


def bump_views() -> None:
    with _conn_lock:
        views["n"] += 1


pool = ThreadPoolExecutor(4)
for i in range(10):
    pool.submit(post, "acct", i)
    pool.submit(balance, "acct")
    pool.submit(bump_views)

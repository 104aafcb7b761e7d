"""IL702 on `Exporter.db`: `run_export` opens ONE session and hands it to every Exporter thread,
so the partitions' queries and commits interleave in one transaction. `Auditor` builds its own
session in its constructor, one per thread object: fine."""
import threading

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg://exporter@warehouse/sales")
SessionFactory = sessionmaker(engine)


class Exporter(threading.Thread):
    def __init__(self, db: Session, partition: int):
        super().__init__(daemon=True)
        self.db = db
        self.partition = partition

    def run(self) -> None:
        rows = self.db.execute(text("SELECT * FROM orders WHERE part = :p"), {"p": self.partition}).all()
        self.db.execute(text("UPDATE parts SET exported = :n WHERE id = :p"), {"n": len(rows), "p": self.partition})
        self.db.commit()


class Auditor(threading.Thread):
    def __init__(self, table: str):
        super().__init__(daemon=True)
        self.table = table
        self.db = SessionFactory()

    def run(self) -> None:
        count = self.db.scalar(text(f"SELECT count(*) FROM {self.table}"))
        self.db.execute(text("INSERT INTO audit VALUES (:t, :n)"), {"t": self.table, "n": count})
        self.db.commit()


def run_export(partitions: int) -> None:
    shared = SessionFactory()
    for p in range(partitions):
        Exporter(shared, p).start()
    for table in ("orders", "refunds", "payouts"):
        Auditor(table).start()

from concurrent.futures import ThreadPoolExecutor, wait

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

ledger_engine = create_engine("postgresql://billing@db/ledger", pool_pre_ping=True)


def settle_batch(invoice_ids):
    def settle(invoice_id):
        # a session per job: each worker thread has its own
        with Session(ledger_engine) as db:
            db.execute(text("UPDATE invoices SET paid = true WHERE id = :id"), {"id": invoice_id})
            db.commit()

    with ThreadPoolExecutor(max_workers=6) as workers:
        pending = [workers.submit(settle, i) for i in invoice_ids]
        wait(pending)

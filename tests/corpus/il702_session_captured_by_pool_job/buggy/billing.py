from concurrent.futures import ThreadPoolExecutor, wait

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

ledger_engine = create_engine("postgresql://billing@db/ledger", pool_pre_ping=True)


def settle_batch(invoice_ids):
    db = Session(ledger_engine)

    def settle(invoice_id):
        # every worker thread runs this on the one session of the batch
        db.execute(text("UPDATE invoices SET paid = true WHERE id = :id"), {"id": invoice_id})
        db.commit()

    with ThreadPoolExecutor(max_workers=6) as workers:
        pending = [workers.submit(settle, i) for i in invoice_ids]
        wait(pending)
    db.close()

"""IL703 on `reindex.warehouse`: `main` asks the database which products need reindexing (the
query checks a connection out of `warehouse`'s pool and returns it there), then forks a
`multiprocessing.Pool` whose workers use the same engine. The forked workers start with a copy
of that pool, so a worker and the parent (and the other workers) can drive one MySQL socket at
once."""
import multiprocessing

from sqlalchemy import create_engine, text

warehouse = create_engine("mysql+pymysql://indexer@mysql/shop", pool_pre_ping=True, pool_recycle=600)


def stale_products() -> list[int]:
    with warehouse.connect() as conn:
        return [row.id for row in conn.execute(text("SELECT id FROM product WHERE stale"))]


def reindex_one(product_id: int) -> None:
    with warehouse.begin() as conn:
        conn.execute(text("UPDATE product SET stale = 0 WHERE id = :p"), {"p": product_id})


def main() -> None:
    todo = stale_products()
    with multiprocessing.Pool(processes=3) as workers:
        workers.map(reindex_one, todo)


if __name__ == "__main__":
    main()

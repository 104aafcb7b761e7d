"""Fixed twin: each worker drops the connections it inherited from the parent's pool (without
closing them: they are the parent's) before it touches the database."""
import multiprocessing

from sqlalchemy import create_engine, text

warehouse = create_engine("mysql+pymysql://indexer@mysql/shop", pool_pre_ping=True, pool_recycle=600)


def stale_products() -> list[int]:
    with warehouse.connect() as conn:
        return [row.id for row in conn.execute(text("SELECT id FROM product WHERE stale"))]


def reindex_one(product_id: int) -> None:
    with warehouse.begin() as conn:
        conn.execute(text("UPDATE product SET stale = 0 WHERE id = :p"), {"p": product_id})


def _forget_parent_connections() -> None:
    warehouse.dispose(close=False)


def main() -> None:
    todo = stale_products()
    with multiprocessing.Pool(processes=3, initializer=_forget_parent_connections) as workers:
        workers.map(reindex_one, todo)


if __name__ == "__main__":
    main()

"""Fixed twin: the pool starts its workers with the `spawn` method: each worker imports the
module afresh and builds its own engine, sharing no connection with the parent."""
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert

atlas_db = create_engine("postgresql://tiles@pg/atlas", pool_pre_ping=True)
meta = MetaData()
rendered = Table("rendered", meta, Column("tile", Integer, primary_key=True))
meta.create_all(atlas_db)


def render(tile: int) -> None:
    with atlas_db.begin() as conn:
        conn.execute(insert(rendered).values(tile=tile))


def render_all(tiles: list[int]) -> None:
    with ProcessPoolExecutor(max_workers=4, mp_context=multiprocessing.get_context("spawn")) as farm:
        for t in tiles:
            farm.submit(render, t)

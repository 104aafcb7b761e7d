"""IL703 on `tiles.atlas_db`: the module creates its tables at import (a pooled connection stays
in `atlas_db`'s pool), then `render_all` forks a `ProcessPoolExecutor` whose jobs write through
the same engine: each child starts with the parent's Postgres connection in its pool."""
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
    with ProcessPoolExecutor(max_workers=4) as farm:
        for t in tiles:
            farm.submit(render, t)

"""Reverse geocoding for uploaded photos through a vendor SDK that raises on its flaky backend."""
from fastapi import FastAPI
from geokit import GeoClient

from retrying import retry

app = FastAPI()
geo = GeoClient(region="eu-west")


@retry(attempts=4, backoff=0.25)
def place_name(lat: float, lon: float) -> str:
    hit = geo.reverse(lat, lon)
    return hit.get("city") or hit.get("name", "unknown")


@app.get("/photos/{photo_id}/place")
async def photo_place(photo_id: int, lat: float, lon: float):
    return {"photo": photo_id, "place": place_name(lat, lon)}

"""IL401 on `open`: `FeatureFlags.flags` is a property that reads its JSON file, so the
`/checkout` handler's `feature_flags.enabled(...)` (through `self.flags`) reads a file on the loop."""
import json

from fastapi import APIRouter

router = APIRouter()


class FeatureFlags:
    def __init__(self, path):
        self._path = path

    @property
    def flags(self):
        with open(self._path) as fh:
            return json.load(fh)

    def enabled(self, name):
        return bool(self.flags.get(name, False))


feature_flags = FeatureFlags("/etc/app/flags.json")


@router.get("/checkout")
async def checkout(cart_id: str):
    if feature_flags.enabled("new_checkout"):
        return {"flow": "v2", "cart": cart_id}
    return {"flow": "v1", "cart": cart_id}

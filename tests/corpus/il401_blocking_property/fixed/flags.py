"""Silent: the flags file is read once, when the module builds `feature_flags`; the `flags`
property only returns what was read, so `/checkout` does no I/O on the loop."""
import json

from fastapi import APIRouter

router = APIRouter()


class FeatureFlags:
    def __init__(self, path):
        self._path = path
        with open(path) as fh:
            self._flags = json.load(fh)

    @property
    def flags(self):
        return self._flags

    def enabled(self, name):
        return bool(self.flags.get(name, False))


feature_flags = FeatureFlags("/etc/app/flags.json")


@router.get("/checkout")
async def checkout(cart_id: str):
    if feature_flags.enabled("new_checkout"):
        return {"flow": "v2", "cart": cart_id}
    return {"flow": "v1", "cart": cart_id}

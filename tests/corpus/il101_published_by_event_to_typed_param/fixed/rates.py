"""Exchange-rate table: a loader thread fetches the rates once, stores the whole table, then sets
`loaded`."""
import threading
import urllib.request
import json


class RateTable:
    def __init__(self, source_url: str) -> None:
        self.source_url = source_url
        self.loaded = threading.Event()
        self.rates: dict[str, float] = {}
        self._loader = threading.Thread(target=self._load, daemon=True)

    def begin(self) -> None:
        self._loader.start()

    def _load(self) -> None:
        with urllib.request.urlopen(self.source_url) as resp:
            payload = json.load(resp)
        self.rates = {code: float(v) for code, v in payload["rates"].items()}
        self.loaded.set()

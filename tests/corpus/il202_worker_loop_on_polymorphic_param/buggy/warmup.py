"""Cache refreshers: at startup one helper starts a thread that keeps whichever cache it is given
fresh, while the routes read the caches."""
import threading
import time

from fastapi import FastAPI


def fetch_rates() -> dict:
    time.sleep(0.1)
    return {"EUR": 1.0}


def fetch_users() -> dict:
    time.sleep(0.1)
    return {"u1": "alice"}


class RateCache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rates: dict = {}

    def refresh(self) -> None:
        fresh = fetch_rates()
        with self._lock:
            self._rates.clear()
            self._rates.update(fresh)

    def report(self) -> str:
        with self._lock:
            return ", ".join(f"{k}={v}" for k, v in self._rates.items())


class UserCache:
    def __init__(self) -> None:
        self._users: dict = {}

    def refresh(self) -> None:
        fresh = fetch_users()
        self._users.clear()             # emptied and refilled in place while report() walks it
        self._users.update(fresh)

    def report(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self._users.items())


def keep_fresh(cache) -> None:
    while True:
        cache.refresh()
        time.sleep(60)


def warm(cache) -> threading.Thread:
    worker = threading.Thread(target=keep_fresh, args=(cache,), daemon=True)
    worker.start()
    return worker


app = FastAPI()
rates, users = RateCache(), UserCache()


@app.on_event("startup")
def start_refreshers() -> None:
    warm(rates)
    warm(users)


@app.get("/rates")
def show_rates() -> str:
    return rates.report()


@app.get("/users")
def show_users() -> str:
    return users.report()

"""Micro cases for the asyncio rules (IL401-IL404): flagged and silent variants side by side."""
from __future__ import annotations

from helpers import codes_of

APP = """
import asyncio, threading, time
from fastapi import FastAPI, WebSocket

app = FastAPI()
state = None
clients = set()
"""


def test_blocking_call_two_helpers_deep_is_reported():
    src = APP + """
def _inner():
    time.sleep(1)

def outer():
    _inner()

@app.get("/x")
async def handler():
    outer()
"""
    assert codes_of(src, select=["IL401"]) == {"IL401"}


def test_to_thread_and_run_in_executor_are_not_blocking():
    src = APP + """
def outer():
    time.sleep(1)

@app.get("/x")
async def handler():
    await asyncio.to_thread(outer)
    await asyncio.get_running_loop().run_in_executor(None, outer)
    await asyncio.sleep(1)
"""
    assert codes_of(src, select=["IL401"]) == set()


def test_sync_function_never_called_from_async_is_silent():
    src = APP + """
def outer():
    time.sleep(1)

def main():
    outer()
"""
    assert codes_of(src, select=["IL401"]) == set()


def test_threading_lock_with_no_await_inside_is_silent():
    src = APP + """
lock = threading.Lock()
counter = 0

@app.get("/x")
async def handler():
    global counter
    with lock:
        counter += 1
    await asyncio.sleep(0)
"""
    assert codes_of(src, select=["IL402"]) == set()


def test_asyncio_lock_across_await_is_silent():
    src = APP + """
lock = asyncio.Lock()

@app.get("/x")
async def handler():
    async with lock:
        await asyncio.sleep(0)
"""
    assert codes_of(src, select=["IL402"]) == set()


def test_check_await_act_without_lock_is_reported():
    src = APP + """
async def load():
    await asyncio.sleep(0)
    return 1

@app.get("/x")
async def handler():
    global state
    if state is None:
        state = await load()
"""
    assert codes_of(src, select=["IL403"]) == {"IL403"}


def test_check_and_act_with_no_await_between_is_silent():
    src = APP + """
@app.get("/x")
async def handler():
    global state
    if state is None:
        state = 1
    await asyncio.sleep(0)
"""
    assert codes_of(src, select=["IL403"]) == set()


def test_cleanup_in_context_of_finally_is_silent_and_plain_is_reported():
    bad = APP + """
@app.websocket("/ws")
async def ws(websocket: WebSocket):
    clients.add(websocket)
    await websocket.receive_text()
    clients.discard(websocket)
"""
    good = APP + """
@app.websocket("/ws")
async def ws(websocket: WebSocket):
    clients.add(websocket)
    try:
        await websocket.receive_text()
    finally:
        clients.discard(websocket)
"""
    assert codes_of(bad, select=["IL404"]) == {"IL404"}
    assert codes_of(good, select=["IL404"]) == set()


def test_setup_and_teardown_without_await_between_is_silent():
    src = APP + """
@app.websocket("/ws")
async def ws(websocket: WebSocket):
    clients.add(websocket)
    clients.discard(websocket)
    await websocket.close()
"""
    assert codes_of(src, select=["IL404"]) == set()


def test_counter_written_through_a_local_pairs_only_with_a_copy_of_the_same_attribute():
    meter = APP + """
class Meter:
    def __init__(self):
        self.hits = 0
        self.misses = 0

    def up(self):
        n = self.{copied}
        self.hits = n + 1

    def down(self):
        self.hits = {lowered}

meter = Meter()

@app.websocket("/ws")
async def ws(websocket: WebSocket):
    meter.up()
    await websocket.receive_text()
    meter.down()
"""
    assert codes_of(meter.format(copied="hits", lowered="self.hits - 1"), select=["IL404"]) == {"IL404"}
    assert codes_of(meter.format(copied="misses", lowered="self.hits - 1"), select=["IL404"]) == set()
    assert codes_of(meter.format(copied="hits", lowered="1 - self.hits"), select=["IL404"]) == set()


ELEMENT = APP + """
class Venue:
    def __init__(self):
        self.holds: dict[str, set[str]] = {}
        self.lock = asyncio.Lock()

    async def take(self, show, seat, pay):
{body}

venue = Venue()

@app.post("/x")
async def handler(show: str, seat: str):
    await venue.take(show, seat, None)
"""


def test_element_local_by_index_and_setdefault_checked_across_await():
    for lookup in ("self.holds[show]", "self.holds.setdefault(show, set())"):
        body = f"""
        seats = {lookup}
        if seat not in seats:
            return
        await pay(seat)
        seats.remove(seat)"""
        assert codes_of(ELEMENT.replace("{body}", body), select=["IL403"]) == {"IL403"}, lookup


def test_element_local_under_lock_or_of_a_local_dict_is_silent():
    locked = """
        async with self.lock:
            seats = self.holds.get(show)
            if seats is None or seat not in seats:
                return
            await pay(seat)
            seats.remove(seat)"""
    local = """
        table = {show: {seat}}
        seats = table.get(show)
        if seat not in seats:
            return
        await pay(seat)
        seats.remove(seat)"""
    for body in (locked, local):
        assert codes_of(ELEMENT.replace("{body}", body), select=["IL403"]) == set(), body

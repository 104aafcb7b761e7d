"""Buggy: the MIDI reader thread appends to the loop's message list and sets the asyncio.Event
itself: asyncio.Event is not thread-safe (the waiter may never wake) and the list races with
next_batch's swap on the loop. Shutdown stops the bridge through `await asyncio.to_thread(stop)`:
still the owner's one stop after its one start, so `_thread` is no race."""
import asyncio
import threading

from fastapi import FastAPI, WebSocket


class MidiPort:
    def __init__(self, name):
        self.name = name

    def read(self):
        return b"\x90\x40\x7f"


class MidiBridge:
    def __init__(self, port: MidiPort):
        self._port = port
        self._loop = None
        self._thread = None
        self._running = threading.Event()
        self.messages = []
        self._new = asyncio.Event()

    def start(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._running.set()
        self._thread = threading.Thread(target=self._reader, daemon=True)
        self._thread.start()

    def stop(self):
        self._running.clear()
        if self._thread is not None:
            self._thread.join(timeout=1.0)

    def _reader(self):
        while self._running.is_set():
            msg = self._port.read()
            self._deliver(msg)

    def _deliver(self, msg):
        self.messages.append(msg)
        if len(self.messages) > 1000:
            del self.messages[:500]
        self._new.set()

    async def next_batch(self):
        await self._new.wait()
        self._new.clear()
        batch, self.messages = self.messages, []
        return batch


app = FastAPI()
bridge = MidiBridge(MidiPort("in0"))


@app.on_event("startup")
async def startup():
    bridge.start(asyncio.get_running_loop())


@app.on_event("shutdown")
async def shutdown():
    await asyncio.to_thread(bridge.stop)


@app.websocket("/ws/midi")
async def midi(websocket: WebSocket):
    await websocket.accept()
    while True:
        batch = await bridge.next_batch()
        await websocket.send_bytes(b"".join(batch))

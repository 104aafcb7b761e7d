"""IL101 on `KilnMonitor._target`: the control panel's thread calls `set_target_from_panel`, which
stores the new target right there before it hands the re-check to the loop
(`call_soon_threadsafe`), while `_sample`, a `call_later` callback on the loop, compares every
reading with it. The rest of the monitor lives on the loop: `start` schedules with `call_later`,
which only the loop thread may call, so the owner that calls `start` and `stop` is the loop thread
and they never overlap the samples."""
import asyncio
import threading


class KilnMonitor:
    def __init__(self, loop: asyncio.AbstractEventLoop, probe):
        self._loop = loop
        self._probe = probe
        self._target = 0.0
        self._readings = []
        self._timer = None

    def start(self):
        self._readings = []
        self._timer = self._loop.call_later(1.0, self._sample)

    def set_target_from_panel(self, degrees):
        self._target = degrees
        self._loop.call_soon_threadsafe(self._recheck)

    def _recheck(self):
        if self._readings and self._readings[-1] > self._target:
            self._probe.alarm()

    def _sample(self):
        value = self._probe.read()
        self._readings.append(value)
        if value > self._target:
            self._probe.alarm()
        self._timer = self._loop.call_later(1.0, self._sample)

    def stop(self):
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


class ControlPanel:
    """Reads the knob on a thread of its own and passes each new target to the monitor."""

    def __init__(self, monitor: KilnMonitor, knob):
        self._monitor = monitor
        self._knob = knob
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def open(self):
        self._thread.start()

    def _poll(self):
        while True:
            self._monitor.set_target_from_panel(self._knob.wait_for_turn())

"""Silent: the control panel's thread only hands the new target to the loop
(`call_soon_threadsafe`), and `_apply_target` stores it there. Everything else runs on the loop:
`start` schedules with `call_later`, which only the loop thread may call, so the owner that calls
`start`, `stop` and `set_target_from_panel` itself is the loop thread (a hand-over from there is a
deferral), and the samples never run at the same time as any of them."""
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
        self._loop.call_soon_threadsafe(self._apply_target, degrees)

    def _apply_target(self, degrees):
        self._target = degrees
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

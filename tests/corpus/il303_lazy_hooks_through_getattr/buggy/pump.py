"""A pump controller with a hook mixin that creates its hook list lazily: `_fire` reads it
through `getattr(self, "_hooks", ())`. `set_rate` fires the hooks while holding the pump's lock,
so a hook that reads the pump back (`pump.rate()`) deadlocks on that lock."""
import threading


class HookMixin:
    def _add_hook(self, hook):
        hooks = list(getattr(self, "_hooks", ()))
        hooks.append(hook)
        self._hooks = tuple(hooks)

    def _fire(self, *args):
        for hook in getattr(self, "_hooks", ()):
            hook(*args)


class Pump(HookMixin):
    def __init__(self, hooks=()):
        self._lock = threading.Lock()
        self._rate = 0.0
        for hook in hooks:
            self._add_hook(hook)

    def set_rate(self, litres_per_min):
        with self._lock:
            self._rate = litres_per_min
            self._fire(self, litres_per_min)

    def rate(self):
        with self._lock:
            return self._rate


def run():
    pump = Pump(hooks=[lambda p, r: print("pump now", p.rate())])
    threading.Thread(target=pump.set_rate, args=(12.5,), name="dosing").start()
    threading.Thread(target=pump.rate, name="display").start()

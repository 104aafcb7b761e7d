"""IL101 on `_RenderState.target`: `_RenderState` is a plain class, so the one `_state` object is
shared: `current_target` (any thread) overwrites the `target` the render thread set and reads.
IL103 on `_RenderState.frames`: the render threads of two renderers (a public class its users may
build any number of) count into that one object."""
import threading


class _RenderState:
    target = None
    frames = 0


_state = _RenderState()


class Renderer:
    def __init__(self):
        self._lock = threading.Lock()
        self._outputs = {}

    def start(self, target):
        threading.Thread(target=self._render, args=(target,), daemon=True).start()

    def _render(self, target):
        _state.target = target
        _state.frames = 0
        for _ in range(10):
            _state.frames += 1
        with self._lock:
            self._outputs[target] = _state.frames

    def current_target(self):
        _state.target = "preview"
        return _state.target

"""IL102 on `Engine.templates`: `get_engine` (unannotated) hands out the one `Engine` the global
holds, and publishes it before loading it (`_engine = Engine(...)`, then `_engine.load()` under the
lock). A sender that finds the global set skips the lock and renders from the table `load` is still
filling on another sender's thread. Callers in another module reach that object through the
accessor: `get_engine().render(...)`."""
import os
import threading

_engine = None
_engine_lock = threading.Lock()


class Engine:
    def __init__(self, root):
        self.root = root
        self.templates = {}

    def load(self):
        for name in os.listdir(self.root):
            with open(os.path.join(self.root, name)) as fh:
                self.templates[name] = fh.read()

    def render(self, name, **values):
        text = self.templates.get(name)
        if text is None:
            raise KeyError(name)
        return text.format(**values)


def get_engine():
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = Engine("/srv/templates")
                _engine.load()
    return _engine

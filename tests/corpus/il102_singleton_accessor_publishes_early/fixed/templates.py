"""No finding: the engine is loaded in a local and published only once full; after that nothing
writes its table, so the senders that skip the lock read a finished one."""
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
                engine = Engine("/srv/templates")
                engine.load()
                _engine = engine   # publish only once fully loaded
    return _engine

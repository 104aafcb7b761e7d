"""A mixer console whose control thread applies commands through a table of its own bound
methods, filled after the constructor built it empty (`register` / `_install_handlers`).

`channel_names()` (the UI thread) and the control thread's handlers use the channel list under
the console's lock."""
import queue
import threading


class Console:
    def __init__(self):
        self._lock = threading.Lock()
        self._commands = queue.Queue()
        self.channels = []
        self.master = 1.0
        self._handlers = {}
        self._install_handlers()
        threading.Thread(target=self._control, daemon=True).start()

    def _install_handlers(self):
        self.register("add", self._add_channel)
        self.register("remove", self._remove_channel)
        self._handlers["master"] = self._set_master

    def register(self, name, handler):
        with self._lock:
            self._handlers[name] = handler

    def send(self, name, arg=None):
        self._commands.put((name, arg))

    def channel_names(self):
        with self._lock:
            return [ch.name for ch in self.channels]

    def _control(self):
        while True:
            name, arg = self._commands.get()
            with self._lock:
                handler = self._handlers.get(name)
            if handler is not None:
                handler(arg)

    def _add_channel(self, channel):
        with self._lock:
            self.channels.append(channel)

    def _remove_channel(self, channel):
        with self._lock:
            self.channels.remove(channel)

    def _set_master(self, value):
        self.master = value

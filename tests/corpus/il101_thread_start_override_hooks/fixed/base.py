"""A watchdog-like thread base class: `start()` runs the subclass's set-up hook, then really
starts the thread; `stop()` asks the loop to end and runs the tear-down hook at once."""
import threading


class BaseThread(threading.Thread):
    def __init__(self):
        threading.Thread.__init__(self)
        self.daemon = True
        self._stopped_event = threading.Event()

    def should_keep_running(self):
        return not self._stopped_event.is_set()

    def on_thread_start(self):
        pass

    def on_thread_stop(self):
        pass

    def stop(self):
        self._stopped_event.set()
        self.on_thread_stop()

    def start(self):
        self.on_thread_start()
        threading.Thread.start(self)


class Service(threading.Thread):
    """The same through `super().start()`."""

    def __init__(self):
        super().__init__(daemon=True)
        self.halt = threading.Event()

    def on_start(self):
        pass

    def on_stop(self):
        pass

    def start(self):
        self.on_start()
        super().start()

    def stop(self):
        self.halt.set()
        self.on_stop()

"""Silent: the subclass binds every field `poll()` reads before it calls `super().__init__()`, which
starts the polling thread."""
import shutil

from poller import Poller


class DiskWatcher(Poller):
    """Warns when free space on a mount drops below a threshold."""

    def __init__(self, mount, threshold, on_low):
        # set everything poll() reads before the base constructor starts the thread
        self.mount = mount
        self.threshold = threshold
        self.on_low = on_low
        super().__init__(period=0.05)

    def poll(self):
        usage = shutil.disk_usage(self.mount)
        if usage.free < self.threshold:
            self.on_low(self.mount, usage.free)

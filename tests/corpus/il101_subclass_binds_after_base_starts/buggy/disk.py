"""IL101 on `DiskWatcher.mount`, `threshold`, `on_low`: the base constructor `Poller.__init__`
starts the polling thread, whose `poll()` (the subclass's) reads the three fields; the subclass
binds them only after `super().__init__()` returned."""
import shutil

from poller import Poller


class DiskWatcher(Poller):
    """Warns when free space on a mount drops below a threshold."""

    def __init__(self, mount, threshold, on_low):
        super().__init__(period=0.05)
        # the base constructor already started the thread: poll() may run
        # before these three fields exist
        self.mount = mount
        self.threshold = threshold
        self.on_low = on_low

    def poll(self):
        usage = shutil.disk_usage(self.mount)
        if usage.free < self.threshold:
            self.on_low(self.mount, usage.free)

"""Silent: `ShellABC.register(Shell)` declares `Shell` a virtual subclass of the ABC; it runs
nothing. The shell is driven by the one thread that owns it (it only registers an exit hook), so
its constructor and its methods never run at the same time."""
import abc

from hooks import exit_hooks


class ShellABC(metaclass=abc.ABCMeta):
    pass


class Shell:
    def __init__(self):
        self.history = []
        self.init_dirs()
        exit_hooks.register(self.save)

    def init_dirs(self):
        self.dirs = ["~"]

    def run(self, cmd):
        if cmd.startswith("cd "):
            self.dirs = self.dirs + [cmd[3:]]
        elif cmd == "reset":
            self.init_dirs()

    def save(self):
        return None


ShellABC.register(Shell)

"""IL103 on `Shell.dirs`: besides declaring `Shell` a virtual subclass (`ShellABC.register`, which
runs nothing), the module starts a thread on the shell's `init_dirs`, which resets `dirs` while
the owner's `run` may be appending to it."""
import abc
import threading

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
shell = Shell()
threading.Thread(target=shell.init_dirs).start()

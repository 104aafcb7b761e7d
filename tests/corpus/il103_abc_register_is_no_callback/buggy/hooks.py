class Hooks:
    def __init__(self):
        self.callbacks = []

    def register(self, fn):
        self.callbacks.append(fn)


exit_hooks = Hooks()

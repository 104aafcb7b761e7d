"""A process-wide plugin registry built as a singleton in `__new__`; plugin loader threads
register into it at start-up."""
import threading


class Registry:
    _instance: "Registry | None" = None
    _create_lock = threading.Lock()

    def __new__(cls) -> "Registry":
        with cls._create_lock:
            if cls._instance is None:
                instance = super().__new__(cls)
                instance.plugins = {}
                cls._instance = instance
        return cls._instance

    def register(self, name: str, plugin: object) -> None:
        self.plugins[name] = plugin


def load(names: list[str]) -> None:
    for name in names:
        Registry().register(name, object())


def main() -> None:
    loaders = [threading.Thread(target=load, args=(batch,)) for batch in (["a", "b"], ["c", "d"])]
    for t in loaders:
        t.start()
    for t in loaders:
        t.join()
    print(sorted(Registry().plugins))

import threading


class Meter:
    def __init__(self) -> None:
        self.hits = 0
        self.lock = threading.Lock()


def handle(meter: Meter, request: str) -> None:
    print("handling", request)
    with meter.lock:
        meter.hits += 1


def dispatch(meter: Meter, pending: list[str]) -> None:
    while pending:
        request = pending.pop()
        threading.Thread(target=handle, args=(meter, request)).start()


dispatch(Meter(), ["a", "b", "c"])

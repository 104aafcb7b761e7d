"""IL103 on `Meter.hits`: `dispatch` starts one worker thread per pending request in a `while`
loop and hands every worker the same meter; each worker does `meter.hits += 1` on the parameter,
so two workers can read the same count and both write it back plus one (a lost update)."""
import threading


class Meter:
    def __init__(self) -> None:
        self.hits = 0


def handle(meter: Meter, request: str) -> None:
    print("handling", request)
    meter.hits += 1


def dispatch(meter: Meter, pending: list[str]) -> None:
    while pending:
        request = pending.pop()
        threading.Thread(target=handle, args=(meter, request)).start()


dispatch(Meter(), ["a", "b", "c"])

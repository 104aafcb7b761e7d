"""A script: its top-level code starts a worker on half of the data, counts the other half
itself and prints the total after joining it; both count under one lock."""
import threading

processed = 0
totals = {}
lock = threading.Lock()


def process(items):
    global processed
    for item in items:
        if item % 2:
            with lock:
                processed += 1
    with lock:
        totals["worker"] = len(items)


data = list(range(10_000))
totals["main"] = 0
worker = threading.Thread(target=process, args=(data[5_000:],))
worker.start()
for item in data[:5_000]:
    if item % 2:
        with lock:
            processed += 1
worker.join()
print(processed, totals)

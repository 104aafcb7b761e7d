"""A script: its top-level code starts a worker on half of the data, counts the other half
itself and prints the total after joining it; both `+=` the module global with no lock."""
import threading

processed = 0
totals = {}


def process(items):
    global processed
    for item in items:
        if item % 2:
            processed += 1
    totals["worker"] = len(items)


data = list(range(10_000))
totals["main"] = 0
worker = threading.Thread(target=process, args=(data[5_000:],))
worker.start()
for item in data[:5_000]:
    if item % 2:
        processed += 1
worker.join()
print(processed, totals)

"""IL103 on `tally.processed`: `main` starts a worker on half of the data and counts the other
half itself; both `+=` the module global, with no lock, while the worker runs."""
import threading

processed = 0


def process(items):
    global processed
    for item in items:
        if item % 2:
            processed += 1


def main():
    global processed
    data = list(range(10_000))
    worker = threading.Thread(target=process, args=(data[5_000:],))
    worker.start()
    for item in data[:5_000]:
        if item % 2:
            processed += 1
    worker.join()
    print(processed)


if __name__ == "__main__":
    main()

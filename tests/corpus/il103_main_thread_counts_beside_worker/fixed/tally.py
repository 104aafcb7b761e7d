"""Fixed twin: both counts take `processed_lock`."""
import threading

processed = 0
processed_lock = threading.Lock()


def process(items):
    global processed
    for item in items:
        if item % 2:
            with processed_lock:
                processed += 1


def main():
    global processed
    data = list(range(10_000))
    worker = threading.Thread(target=process, args=(data[5_000:],))
    worker.start()
    for item in data[:5_000]:
        if item % 2:
            with processed_lock:
                processed += 1
    worker.join()
    print(processed)


if __name__ == "__main__":
    main()

import threading

from journal import Journal


def worker(journal, n):
    for i in range(n):
        journal.record(worker=threading.get_ident(), seq=i)


def main():
    with Journal("/tmp/journal.log") as j:
        threads = [threading.Thread(target=worker, args=(j, 100)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


if __name__ == "__main__":
    main()

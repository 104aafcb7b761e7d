import time

from disk import DiskWatcher


def report(mount, free):
    print("low space on", mount, free)


def main():
    w = DiskWatcher("/", 10 ** 15, report)
    time.sleep(0.2)
    w.close()


if __name__ == "__main__":
    main()

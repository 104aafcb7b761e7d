"""Dining philosophers without the deadlock: the waiter seats at most N - 1 at once, and the
cook's helpers pick up their two knives in index order."""
import threading
import time

N = 5
forks = [threading.Lock() for _ in range(N)]
knives = [threading.Lock() for _ in range(N)]
waiter = threading.Semaphore(N - 1)
meals = [0] * N
chops = [0] * N


def philosopher(i):
    left = forks[i]
    right = forks[(i + 1) % N]
    for _ in range(100):
        with waiter:
            with left:
                with right:
                    meals[i] += 1
        time.sleep(0.001)


def helper(i):
    first, second = sorted((i, (i + 1) % N))
    for _ in range(100):
        with knives[first]:
            with knives[second]:
                chops[i] += 1


def dinner():
    diners = [threading.Thread(target=philosopher, args=(i,)) for i in range(N)]
    diners += [threading.Thread(target=helper, args=(i,)) for i in range(N)]
    for d in diners:
        d.start()
    for d in diners:
        d.join()

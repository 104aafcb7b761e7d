import threading
import time

import fleet


class Truck:
    def __init__(self, plate):
        self._lock = threading.Lock()
        self.plate = plate
        self.moving = True
        self.where = None

    def park(self):
        with self._lock:
            self.moving = False

    def report(self, where):
        with self._lock:
            self.where = where
        fleet.note_position(self.plate, where)


class Driver:
    def __init__(self, dispatcher: "Dispatcher"):
        self._lock = threading.Lock()
        self.dispatcher = dispatcher
        self.current = None

    def unassign(self, job_id):
        with self._lock:
            self.current = None

    def quit(self):
        with self._lock:
            job, self.current = self.current, None
        if job is not None:
            self.dispatcher.cancel(job)


class Dispatcher:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = {}

    def assign(self, job_id, driver: Driver):
        with self._lock:
            self._jobs[job_id] = (driver, time.monotonic())
        threading.Timer(30.0, self.sweep).start()

    def cancel(self, job_id):
        with self._lock:
            self._jobs.pop(job_id, None)

    def sweep(self):
        with self._lock:
            for job_id, (driver, started) in list(self._jobs.items()):
                if time.monotonic() - started > 30.0:
                    del self._jobs[job_id]
                    driver.unassign(job_id)    # Driver._lock while holding Dispatcher._lock


def main():
    truck = Truck("KX-01")
    fleet.enlist(truck)
    threading.Thread(target=fleet.recall_all).start()
    threading.Thread(target=truck.report, args=("depot",)).start()
    hub = Dispatcher()
    driver = Driver(hub)
    hub.assign("j1", driver)
    threading.Thread(target=driver.quit).start()

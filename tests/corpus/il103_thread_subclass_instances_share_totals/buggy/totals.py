"""Totals of every download, one object for the whole process."""


class Totals:
    def __init__(self):
        self.files = 0
        self.size = 0

    def record(self, size):
        self.files += 1
        self.size += size


TOTALS = Totals()

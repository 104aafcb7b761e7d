"""Play statistics: one object for the whole process."""


class PlayStats:
    def __init__(self):
        self.plays = 0
        self.skips = 0

    def played(self):
        self.plays += 1

    def skipped(self):
        self.skips += 1


STATS = PlayStats()

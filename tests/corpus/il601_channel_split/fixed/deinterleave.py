"""Fixed twin: one new list per channel."""


class Deinterleaver:
    def __init__(self, channels=2):
        self.channels = channels

    def split(self, samples):
        out = [[] for _ in range(self.channels)]
        for i, sample in enumerate(samples):
            out[i % self.channels].append(sample)
        return out

    def merge(self, channels):
        merged = []
        for frame in zip(*channels):
            merged.extend(frame)
        return merged

"""Upload quota accounting, shared by every request through app.state."""


class QuotaService:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0

    def charge(self, size: int) -> bool:
        if size > self.limit:
            return False
        self.used += size
        return True

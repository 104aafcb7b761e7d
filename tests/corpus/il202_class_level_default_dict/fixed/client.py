"""An HTTP client whose per-client headers start from a class-level default; each worker thread
builds its own client and sets its auth token."""
import threading


class ApiClient:
    DEFAULT_HEADERS = {"User-Agent": "sync/1.0"}

    def __init__(self, base: str) -> None:
        self.base = base
        self.headers: dict[str, str] = dict(self.DEFAULT_HEADERS)   # each client's own copy

    def authenticate(self, token: str) -> None:
        self.headers["Authorization"] = f"Bearer {token}"

    def request(self, path: str) -> str:
        lines = [f"{k}: {v}" for k, v in self.headers.items()]
        return f"GET {self.base}{path}\n" + "\n".join(lines)


def sync_account(token: str) -> None:
    client = ApiClient("https://api.example.com")
    client.authenticate(token)
    print(client.request("/me"))


def main() -> None:
    for token in ("t1", "t2", "t3"):
        threading.Thread(target=sync_account, args=(token,)).start()

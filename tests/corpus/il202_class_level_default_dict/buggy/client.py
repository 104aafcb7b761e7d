"""An HTTP client whose per-client headers default to a class-level dict; each worker thread
builds its own client and sets its auth token."""
import threading


class ApiClient:
    headers: dict[str, str] = {"User-Agent": "sync/1.0"}     # one dict shared by every client

    def __init__(self, base: str) -> None:
        self.base = base

    def authenticate(self, token: str) -> None:
        self.headers["Authorization"] = f"Bearer {token}"    # changes the class's dict

    def request(self, path: str) -> str:
        lines = [f"{k}: {v}" for k, v in self.headers.items()]
        return f"GET {self.base}{path}\n" + "\n".join(lines)


def sync_account(token: str) -> None:
    client = ApiClient("https://api.example.com")
    client.authenticate(token)
    print(client.request("/me"))                             # may carry another worker's token


def main() -> None:
    for token in ("t1", "t2", "t3"):
        threading.Thread(target=sync_account, args=(token,)).start()

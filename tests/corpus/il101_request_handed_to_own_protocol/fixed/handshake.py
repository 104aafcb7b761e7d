"""Nothing to report: the connection hands its request to its protocol under its lock, and
redirects it under the same lock, so the sender thread never reads a path being replaced."""
import threading


class Request:
    def __init__(self, path):
        self.path = path


class Protocol:
    def __init__(self):
        self.sent = []

    def send_request(self, request):
        self.sent.append(f"GET {request.path} HTTP/1.1".encode())


class Connection:
    def __init__(self, path):
        self.request = Request(path)
        self.protocol = Protocol()
        self._lock = threading.Lock()
        self.thread = threading.Thread(target=self._send, daemon=True)

    def start(self):
        self.thread.start()

    def _send(self):
        with self._lock:
            self.protocol.send_request(self.request)

    def redirect(self, path):
        with self._lock:
            self.request.path = path


def open_connection(path):
    connection = Connection(path)
    connection.start()
    connection.redirect("/v2" + path)
    return connection

"""IL101 on `Request.path`: the connection owns its request and its protocol, and hands its
request to its protocol. The sender thread reads the request's path inside the protocol while a
caller's thread redirects the same request, with no lock in common. The protocol reaches the
request through a parameter, not through a field of its own: one object, not two."""
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
        self.thread = threading.Thread(target=self._send, daemon=True)

    def start(self):
        self.thread.start()

    def _send(self):
        self.protocol.send_request(self.request)

    def redirect(self, path):
        self.request.path = path


def open_connection(path):
    connection = Connection(path)
    connection.start()
    connection.redirect("/v2" + path)
    return connection

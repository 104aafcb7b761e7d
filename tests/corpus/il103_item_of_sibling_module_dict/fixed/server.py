import socketserver

import tally


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        peer = self.client_address[0]
        for line in self.rfile:
            with tally.GUARD:
                tally.BYTES_IN.setdefault(peer, 0)
                tally.BYTES_IN[peer] += len(line)
            self.wfile.write(line)


def serve(port: int) -> None:
    with socketserver.ThreadingTCPServer(("", port), Echo) as srv:
        srv.serve_forever()

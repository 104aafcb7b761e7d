"""IL103: every connection is served on its own thread (ThreadingTCPServer), and each adds the
size of what it read to the per-peer total kept in `tally`, a module of the same program, with
`tally.BYTES_IN[peer] += n`: load, add and store are separate steps, so two connections from
one peer can lose each other's bytes."""
import socketserver

import tally


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        peer = self.client_address[0]
        for line in self.rfile:
            tally.BYTES_IN.setdefault(peer, 0)
            tally.BYTES_IN[peer] += len(line)
            self.wfile.write(line)


def serve(port: int) -> None:
    with socketserver.ThreadingTCPServer(("", port), Echo) as srv:
        srv.serve_forever()

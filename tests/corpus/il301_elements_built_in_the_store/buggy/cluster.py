"""IL301 on `Cluster._lock`/`Node._lock`: `rebalance` holds `Cluster._lock` and calls `assign` on
each node kept in `_nodes` (built in the store itself: `self._nodes[name] = Node(...)`), which takes
`Node._lock`; `ping` holds `Node._lock` and calls back `mark_alive`, which takes `Cluster._lock`."""
import threading


class Cluster:
    def __init__(self):
        self._lock = threading.Lock()
        self._nodes = {}
        self._alive = set()

    def join(self, name):
        with self._lock:
            self._nodes[name] = Node(name, self)

    def mark_alive(self, name):
        with self._lock:
            self._alive.add(name)

    def rebalance(self):
        with self._lock:
            for node in self._nodes.values():
                node.assign()


class Node:
    def __init__(self, name, cluster: Cluster):
        self._lock = threading.Lock()
        self.name = name
        self.cluster = cluster
        self.shards = 0

    def assign(self):
        with self._lock:
            self.shards += 1

    def ping(self):
        with self._lock:
            self.shards += 0
            self.cluster.mark_alive(self.name)


def serve(cluster: Cluster, node: Node):
    threading.Thread(target=cluster.rebalance).start()
    threading.Thread(target=node.ping).start()

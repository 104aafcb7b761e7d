"""Fixed twin: `rebalance` copies the nodes under `Cluster._lock` and calls them after releasing it."""
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
            nodes = list(self._nodes.values())
        for node in nodes:
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

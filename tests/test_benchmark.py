"""The benchmark's server memory counts the process and every process it started."""

import subprocess

from scripts.benchmark import process_tree, server_memory_mb


def test_process_tree_includes_children_and_grandchildren():
    parent = subprocess.Popen(["sh", "-c", "sh -c 'sleep 30 & wait' & wait"])
    try:
        for _ in range(50):  # the shells start their children a moment later
            tree = process_tree(parent.pid)
            if len(tree) >= 3:
                break
            subprocess.run(["sleep", "0.1"])
        assert tree[0] == parent.pid
        assert len(tree) == 3
        assert server_memory_mb(parent.pid) > 0
    finally:
        for pid in reversed(process_tree(parent.pid)):
            subprocess.run(["kill", str(pid)])
        parent.wait()

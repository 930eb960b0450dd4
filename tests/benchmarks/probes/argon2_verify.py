"""Child process: one bare argon2-cffi verify (the baseline), and the cost of one hash.

argv: TIME_COST MEMORY_KIB PARALLELISM; stdin: "<hash>\n<secret>".
Prints {"verify_ms", "hash_ms", "peak_rss_growth_mib"}.
"""

import json
import sys
import time

from argon2 import PasswordHasher, Type


def peak_rss_kib() -> int:
    """VmHWM: this process's peak RSS (ru_maxrss would include the parent's, across exec)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


stored, secret = sys.stdin.read().split("\n")[:2]
time_cost, memory_kib, parallelism = (int(a) for a in sys.argv[1:4])
hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism,
                        type=Type.ID)
rss_before = peak_rss_kib()
started = time.perf_counter()
hasher.verify(stored, secret)
verified = time.perf_counter()
hasher.hash(secret)
hashed = time.perf_counter()
rss_after = peak_rss_kib()
print(json.dumps({"verify_ms": (verified - started) * 1000, "hash_ms": (hashed - verified) * 1000,
                  "peak_rss_growth_mib": (rss_after - rss_before) / 1024}))

"""Child process: open the registry, then time the process's first verification of a token.

argv: DB ACTION; the token comes on stdin. Prints {"ms": ..., "ok": ..., "open_ms": ...}.
"""

import json
import sys
import time

from qkeys_desktop.core import open_registry

token = sys.stdin.read().strip()
started = time.perf_counter()
store = open_registry(sys.argv[1])
opened = time.perf_counter()
result = store.verify(token, sys.argv[2])
done = time.perf_counter()
print(json.dumps({"ms": (done - opened) * 1000, "open_ms": (opened - started) * 1000,
                  "ok": result.ok, "reason": result.reason}))

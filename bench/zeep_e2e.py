"""zeep calling SessionIsValid on a server, for bench/src/bin/e2e.rs.

    zeep_e2e.py --wsdl DIR --url URL [--concurrency N] [--duration SECONDS] [--warmup SECONDS]

N threads share one zeep client (one requests session with a pool of N connections) and
call SessionIsValid in a loop, with the ApplicationToken, Credentials and TimeZone headers
set, as our client does in e2e.rs; each answer must say the session is valid. After a
warm-up, calls are counted for SECONDS. Prints one JSON line:
{"concurrency", "calls", "seconds", "p50_ms", "p99_ms", "errors"}.
Run with the interop suite's venv (tests/interop/.venv).
"""

import argparse
import json
import math
import sys
import threading
import time
from pathlib import Path

import requests
import zeep
from requests.adapters import HTTPAdapter
from zeep.transports import Transport

NS = "http://www.superoffice.net/ws/crm/NetServer/Services87"
WSDL = "Services87-CustomerService.wsdl"
BINDING = f"{{{NS}}}BasicHttpBinding_CustomerService"
# The same values as bench::session_request_headers() and bench::session_request().
HEADERS = {
    "ApplicationToken": "c7f1e2d3-0a4b-4c5d-8e9f-a0b1c2d3e4f5",
    "Credentials": {"Ticket": "7T:MwAxADQANAA7ADEANQA1ADMAMAA5ADAAMQA1AA=="},
    "TimeZone": {"SoTimeZoneId": 111, "SoTimeZoneLocationCode": "NO"},
}
SESSION_KEY = "cs-session-5f0c9e6b1a2d4e7f"


def percentile(sorted_values, p):
    """Nearest-rank percentile of sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wsdl", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    args = parser.parse_args()

    session = requests.Session()
    adapter = HTTPAdapter(pool_connections=1, pool_maxsize=args.concurrency)
    session.mount("http://", adapter)
    client = zeep.Client(str(Path(args.wsdl) / WSDL), transport=Transport(session=session))
    service = client.create_service(BINDING, args.url)

    def call():
        result = service.SessionIsValid(CsSessionKey=SESSION_KEY, _soapheaders=HEADERS)
        return result["body"]["Response"] is True

    lock = threading.Lock()
    latencies = []
    errors = [0]
    phase = {"measure": False, "stop": False}

    def worker():
        mine = []
        failed = 0
        while not phase["stop"]:
            measuring = phase["measure"]
            start = time.perf_counter()
            try:
                ok = call()
            except Exception as e:  # noqa: BLE001 - counted and shown once
                ok = False
                if failed == 0:
                    print(f"zeep call failed: {type(e).__name__}: {e}", file=sys.stderr)
            elapsed = time.perf_counter() - start
            if measuring and phase["measure"] and not phase["stop"]:
                mine.append(elapsed)
                failed += 0 if ok else 1
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
    for t in threads:
        t.start()
    time.sleep(args.warmup)
    phase["measure"] = True
    start = time.perf_counter()
    time.sleep(args.duration)
    phase["stop"] = True
    seconds = time.perf_counter() - start
    for t in threads:
        t.join()
    latencies.sort()
    print(json.dumps({
        "concurrency": args.concurrency,
        "calls": len(latencies),
        "seconds": seconds,
        "p50_ms": percentile(latencies, 50) * 1000,
        "p99_ms": percentile(latencies, 99) * 1000,
        "errors": errors[0],
    }), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""zeep's response deserializer over payload files, for bench/src/bin/compare/.

    zeep_read.py --wsdl DIR [--budget SECONDS] [--min-iterations N] FILE...

Each FILE is a `GetAllCustomerCenterConfigs` response envelope. For each, what zeep does
with an HTTP response of a call is timed: `binding.process_reply` (lxml parse of the bytes
with zeep's settings, fault check, then the operation's reply processing into zeep objects),
given a response object holding the bytes, after one warm-up call whose result is checked:
its configs are counted. The loop runs until SECONDS have passed and N calls were made.
Prints one JSON line per file: {"file", "bytes", "iterations", "seconds", "decoded"}.
Run with the interop suite's venv (tests/interop/.venv).
"""

import argparse
import json
import sys
import time
from pathlib import Path

import zeep

NS = "http://www.superoffice.net/ws/crm/NetServer/Services87"
WSDL = "Services87-CustomerService.wsdl"
BINDING = f"{{{NS}}}BasicHttpBinding_CustomerService"
OPERATION = "GetAllCustomerCenterConfigs"


class Reply:
    """What zeep's transport hands process_reply: a requests.Response, as far as it is used."""

    status_code = 200
    headers = {"Content-Type": "text/xml; charset=utf-8"}
    encoding = "utf-8"

    def __init__(self, content):
        self.content = content


def count_configs(result):
    """The configs in zeep's result: {header, body} with body.Response.CustomerCenterConfig."""
    body = result["body"] if "body" in result else result
    response = body["Response"]
    if response is None:
        return 0
    configs = response["CustomerCenterConfig"]
    # Check one field deep inside too: the values were really decoded.
    if configs and configs[-1]["FieldProperties"] is None:
        raise SystemExit("zeep: FieldProperties were not decoded")
    return len(configs)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wsdl", required=True, help="directory of the WSDLs")
    parser.add_argument("--budget", type=float, default=3.0)
    parser.add_argument("--min-iterations", type=int, default=3)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    client = zeep.Client(str(Path(args.wsdl) / WSDL))
    binding = client.wsdl.bindings[BINDING]
    operation = binding.get(OPERATION)
    for file in args.files:
        content = Path(file).read_bytes()
        decoded = count_configs(binding.process_reply(client, operation, Reply(content)))
        iterations = 0
        start = time.perf_counter()
        while True:
            binding.process_reply(client, operation, Reply(content))
            iterations += 1
            elapsed = time.perf_counter() - start
            if elapsed >= args.budget and iterations >= args.min_iterations:
                break
        print(json.dumps({"file": file, "bytes": len(content), "iterations": iterations,
                          "seconds": elapsed, "decoded": decoded}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

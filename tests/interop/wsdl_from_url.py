"""Loads a WSDL from a server's `?wsdl` URL with zeep and calls GetSystemInfo at the address
the WSDL gives, printing what came back: the `?wsdl` interop test of tests/tests/interop.

Usage: wsdl_from_url.py URL
"""

import sys

import zeep
from zeep.helpers import serialize_object


def main():
    client = zeep.Client(sys.argv[1])
    address = client.service._binding_options["address"]
    print(f"address {address}", flush=True)
    result = serialize_object(client.service.GetSystemInfo(), dict)
    body = result["body"] if isinstance(result, dict) and "body" in result else result
    print(f"warning {body['SystemInfo']['WarningEnglish']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

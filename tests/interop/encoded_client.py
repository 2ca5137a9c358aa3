"""Calls the rpc/encoded fixture service (wsdl/fixtures/rpc_encoded) with zeep and prints
what came back, one line per value: the rpc/encoded interop test of tests/tests/interop.

Usage: encoded_client.py WSDL ENDPOINT

zeep would fetch the SOAP encoding and WSDL namespaces' schemas from their URIs; it is
given local copies of the parts rpc/encoded WSDLs use (schemas/).
"""

import os
import sys

import zeep
from zeep.transports import Transport

SCHEMAS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
LOCAL = {
    "http://schemas.xmlsoap.org/soap/encoding/": "soap-encoding.xsd",
    "http://schemas.xmlsoap.org/wsdl/": "wsdl.xsd",
}


class LocalSchemas(Transport):
    """Serves the well-known namespaces' schemas from SCHEMAS, never from the network."""

    def load(self, url):
        if url in LOCAL:
            with open(os.path.join(SCHEMAS, LOCAL[url]), "rb") as schema:
                return schema.read()
        return super().load(url)


def items_of(array):
    """The items of a soapenc:Array as zeep gives it (a list, or an object holding one)."""
    if array is None:
        return []
    if isinstance(array, list):
        return array
    values = getattr(array, "_value_1", None)
    if values is not None:
        return [getattr(v, "_value_1", v) for v in values]
    return list(array)


def note_of(note):
    """`nil` for an element with xsi:nil="true" (a soapenc:string zeep reads as an object
    with attributes), else its text."""
    attributes = getattr(note, "_attr_1", None) or {}
    if attributes.get("{http://www.w3.org/2001/XMLSchema-instance}nil") == "true":
        return "nil"
    return getattr(note, "_value_1", note)


def main():
    wsdl, endpoint = sys.argv[1], sys.argv[2]
    client = zeep.Client(wsdl, transport=LocalSchemas())
    service = client.create_service("{urn:inventory}InventoryBinding", endpoint)
    result = service.findItems(
        query="red & small", limit=2, _soapheaders={"ticket": "t-7"}
    )
    for item in items_of(result["items"]):
        tags = ",".join(str(t) for t in items_of(item["tags"]))
        print(f"item {item['sku']} {item['quantity']} {item['price']} {tags}", flush=True)
    summary = result["summary"]
    counts = ",".join(str(c) for c in items_of(summary["counts"]))
    print(f"summary {summary['status']} {counts} {note_of(summary['note'])}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

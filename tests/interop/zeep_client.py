"""zeep (Python) as a SOAP peer of the Rust toolchain, for tests/tests/interop.rs.

    zeep_client.py call --customer URL --principal URL
        Calls every operation of both services, once per value set, with the SOAP headers
        set and values in every request field, and checks every value of every response
        (body and headers) against values.json. Exits 1 listing every mismatch.

    zeep_client.py dump OUT.json
        Writes the request envelopes zeep builds for every operation and value set, as
        {"Service": {"Operation": {"A": xml, "B": xml}}}, for comparison with ours.

    zeep_client.py wellformed IN.json
        Parses every envelope of IN.json ({name: xml}) with lxml (strict, as zeep reads);
        exits 1 listing every one that is not well-formed XML with namespaces.

The WSDLs are read from wsdl/services87 in the repository (or --wsdl DIR).
The values come from values.json beside this script; see its $comment for the notation.
"""

import argparse
import base64
import copy
import datetime
import json
import math
import re
import sys
import traceback
from pathlib import Path

import zeep
from lxml import etree
from zeep import xsd
from zeep.helpers import serialize_object

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
NS = "http://www.superoffice.net/ws/crm/NetServer/Services87"
SERVICES = {
    "CustomerService": ("Services87-CustomerService.wsdl", "BasicHttpBinding_CustomerService"),
    "SoPrincipal": ("Services87-SoPrincipal.wsdl", "BasicHttpBinding_SoPrincipal"),
}
SETS = ("A", "B")


# ---- values.json ----

def load_values():
    with open(HERE / "values.json", encoding="utf-8") as f:
        return json.load(f)


def resolve(value, fragments, op):
    """Expands $ref fragments (keys beside $ref replace the fragment's, in place) and '$op'."""
    if isinstance(value, list):
        return [resolve(v, fragments, op) for v in value]
    if isinstance(value, dict):
        if "$ref" in value:
            base = resolve(copy.deepcopy(fragments[value["$ref"]]), fragments, op)
            for key, override in value.items():
                if key != "$ref":
                    base[key] = resolve(override, fragments, op)
            return base
        return {k: resolve(v, fragments, op) for k, v in value.items()}
    if value == "$op":
        return op
    return value


DATETIME = re.compile(
    r"^(-?\d{4,})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$"
)


def to_datetime(text):
    """The datetime zeep gives for `text`: Python keeps microseconds, so zeep (isodate)
    drops fraction digits beyond the sixth (see DIVERGENCES.md)."""
    m = DATETIME.match(text)
    if not m:
        raise ValueError(f"not a dateTime: {text!r}")
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    fraction = (m.group(7) or "")[:6].ljust(6, "0")
    tz = None
    if m.group(8) == "Z":
        tz = datetime.timezone.utc
    elif m.group(8):
        sign = -1 if m.group(8)[0] == "-" else 1
        hours, minutes = int(m.group(8)[1:3]), int(m.group(8)[4:6])
        tz = datetime.timezone(sign * datetime.timedelta(hours=hours, minutes=minutes))
    return datetime.datetime(year, month, day, hour, minute, second, int(fraction), tzinfo=tz)


def local(key):
    """The element's local name: zeep knows every element's namespace from the schema."""
    return key.split(":", 1)[1] if key.startswith(("arr:", "dsa:")) else key


def tagged(value):
    """The Python value of a tagged JSON value, or None if `value` is not tagged."""
    if isinstance(value, dict) and len(value) == 1:
        (tag, inner), = value.items()
        if tag == "$dateTime":
            return to_datetime(inner)
        if tag == "$base64":
            return base64.b64decode(inner)
        if tag == "$list":
            return list(inner)
        if tag == "$double":
            return float(inner.replace("INF", "inf"))
    return None


class Nil:
    """An expected xsi:nil (JSON null), as opposed to an absent element."""

    def __repr__(self):
        return "NIL"


NIL = Nil()


def expected(value):
    """The value as zeep's serialize_object shows it. zeep reads an element without child
    elements or text as None: an empty string, an empty flag list, empty base64, a complex
    element whose repeated children all have zero occurrences (see DIVERGENCES.md)."""
    t = tagged(value)
    if t is not None:
        return t if t not in ("", [], b"") else None
    if value is None:
        return NIL
    if value == "":
        return None
    if isinstance(value, dict):
        if all(v == [] for v in value.values()):
            return None
        return {local(k): expected(v) for k, v in value.items()}
    if isinstance(value, list):
        return [expected(v) for v in value]
    return value


def expected_children(value):
    """The expected children of a body element or the expected headers."""
    return {local(k): expected(v) for k, v in value.items()}


class NilItem:
    """Stands for a nil item of an array until the array object exists (see to_zeep)."""


def to_zeep(value, nil_items, path=()):
    """The value to hand to zeep. null is xsd.Nil; a nil array item becomes an empty object
    first, and its path is recorded in nil_items: zeep turns xsd.Nil items of complex types
    into an object whose first child is nil (see DIVERGENCES.md), so fix_nil_items puts
    xsd.Nil into the built object's list afterwards."""
    t = tagged(value)
    if t is not None:
        return t
    if value is None:
        return xsd.Nil
    if isinstance(value, dict):
        return {local(k): to_zeep(v, nil_items, path + (local(k),)) for k, v in value.items()}
    if isinstance(value, list):
        items = []
        for i, v in enumerate(value):
            if v is None:
                nil_items.append(path + (i,))
                items.append({})
            else:
                items.append(to_zeep(v, nil_items, path + (i,)))
        return items
    return value


def fix_nil_items(obj, nil_items):
    for path in nil_items:
        target = obj
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = xsd.Nil


# ---- zeep ----

def wsdl_dir(args):
    return Path(args.wsdl) if args.wsdl else REPO / "wsdl" / "services87"


def clients(args, urls):
    result = {}
    for name, (file, binding) in SERVICES.items():
        client = zeep.Client(str(wsdl_dir(args) / file))
        service = client.create_service(f"{{{NS}}}{binding}", urls.get(name, "http://127.0.0.1:9/"))
        result[name] = (client, service)
    return result


def operation_names(client, binding):
    b = client.wsdl.bindings[f"{{{NS}}}{binding}"]
    return list(b._operations.keys())


def request_kwargs(client, service_name, op, request):
    """The keyword arguments of the call: the body element's children, as zeep objects."""
    nil_items = []
    kwargs = to_zeep(request, nil_items)
    if not nil_items:
        return kwargs
    element = client.get_element(f"{{{NS}}}{op}")
    body = element(**kwargs)
    fix_nil_items(body, nil_items)
    return {key: body[key] for key in body}


def headers_of(value):
    return to_zeep(value, [])


# ---- comparison ----

def all_none(value):
    return isinstance(value, dict) and all(v is None for v in value.values())


def same(exp, act, path, problems):
    """Exact comparison; absent expected keys must be None (zeep shows every element)."""
    if exp is NIL:
        # zeep reads a nil element of a complex type as an object whose fields are all None
        # (see DIVERGENCES.md).
        if act is not None and not all_none(act):
            problems.append(f"{path}: expected nil, got {act!r}")
        return
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            problems.append(f"{path}: expected an object {exp!r}, got {act!r}")
            return
        for key in exp:
            if key not in act:
                problems.append(f"{path}/{key}: not in zeep's result {list(act)}")
        for key, value in act.items():
            same(exp.get(key), value, f"{path}/{key}", problems)
        return
    if isinstance(exp, list):
        if not isinstance(act, list) or len(act) != len(exp):
            problems.append(f"{path}: expected {exp!r}, got {act!r}")
            return
        for i, (e, a) in enumerate(zip(exp, act)):
            same(e, a, f"{path}[{i}]", problems)
        return
    if isinstance(exp, datetime.datetime):
        if not isinstance(act, datetime.datetime):
            problems.append(f"{path}: expected {exp.isoformat()}, got {act!r}")
            return
        # Offsets compared too: aware datetimes compare equal across offsets.
        if (exp.replace(tzinfo=None), exp.utcoffset()) != (act.replace(tzinfo=None), act.utcoffset()):
            problems.append(f"{path}: expected {exp.isoformat()}, got {act.isoformat()}")
        return
    if isinstance(exp, float):
        if not isinstance(act, float) or not (exp == act or (math.isnan(exp) and math.isnan(act))):
            problems.append(f"{path}: expected double {exp!r}, got {act!r}")
        return
    if type(exp) is not type(act) or exp != act:
        problems.append(f"{path}: expected {exp!r}, got {act!r}")


def check_result(result, response, response_headers, op):
    """Compares zeep's result of a call with the expected body and headers."""
    problems = []
    value = serialize_object(result, dict)
    if not isinstance(value, dict) or set(value) != {"header", "body"}:
        return [f"{op}: unexpected result shape {value!r}"]
    # zeep gives the body element's children, or None for a body element without children.
    same(expected_children(response), value["body"] or {}, f"{op}/body", problems)
    same(expected_children(response_headers), value["header"], f"{op}/header", problems)
    return problems


# ---- modes ----

def call(args):
    values = load_values()
    fragments = values["fragments"]
    peers = clients(args, {"CustomerService": args.customer, "SoPrincipal": args.principal})
    problems = []
    calls = 0
    for service_name, (file, binding) in SERVICES.items():
        client, service = peers[service_name]
        spec = values["services"][service_name]
        ops = operation_names(client, binding)
        if sorted(ops) != sorted(spec["operations"]):
            problems.append(f"{service_name}: WSDL operations {sorted(ops)} != values.json {sorted(spec['operations'])}")
        for set_name in SETS:
            for op in ops:
                case = resolve(spec["operations"][op][set_name], fragments, op)
                headers = resolve(spec["headers"][set_name], fragments, op)
                try:
                    kwargs = request_kwargs(client, service_name, op, case["request"])
                    result = getattr(service, op)(**kwargs, _soapheaders=headers_of(headers["request"]))
                    calls += 1
                except Exception as e:  # noqa: BLE001 - every failure is reported
                    problems.append(f"{service_name}.{op} set {set_name}: call failed: {type(e).__name__}: {e}")
                    traceback.print_exc(file=sys.stderr)
                    continue
                found = check_result(result, case["response"], headers["response"], f"{service_name}.{op}[{set_name}]")
                problems.extend(found)
                print(f"{'ok  ' if not found else 'FAIL'} {service_name}.{op} set {set_name}", flush=True)
    print(f"zeep: {calls} calls, {len(problems)} problems", flush=True)
    for p in problems:
        print(f"PROBLEM {p}", flush=True)
    return 1 if problems else 0


def dump(args):
    values = load_values()
    fragments = values["fragments"]
    peers = clients(args, {})
    out = {}
    for service_name, (file, binding) in SERVICES.items():
        client, service = peers[service_name]
        spec = values["services"][service_name]
        out[service_name] = {}
        for op in operation_names(client, binding):
            out[service_name][op] = {}
            for set_name in SETS:
                case = resolve(spec["operations"][op][set_name], fragments, op)
                headers = resolve(spec["headers"][set_name], fragments, op)
                kwargs = request_kwargs(client, service_name, op, case["request"])
                message = client.create_message(service, op, **kwargs, _soapheaders=headers_of(headers["request"]))
                out[service_name][op][set_name] = etree.tostring(message, encoding="unicode")
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    return 0


def wellformed(args):
    """Parses every envelope of IN.json ({name: xml}) with lxml, which, unlike lenient
    parsers, rejects every namespace and well-formedness error."""
    with open(args.envelopes, encoding="utf-8") as f:
        envelopes = json.load(f)
    errors = 0
    for name, xml in envelopes.items():
        try:
            etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as e:
            errors += 1
            print(f"NOT WELL-FORMED {name}: {e}\n{xml}\n", flush=True)
    print(f"lxml: {len(envelopes) - errors} of {len(envelopes)} envelopes well-formed", flush=True)
    return 1 if errors else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--wsdl", help="directory of the WSDLs (default wsdl/services87)")
    sub = parser.add_subparsers(dest="mode", required=True)
    p_call = sub.add_parser("call")
    p_call.add_argument("--customer", required=True)
    p_call.add_argument("--principal", required=True)
    p_dump = sub.add_parser("dump")
    p_dump.add_argument("out")
    p_wellformed = sub.add_parser("wellformed")
    p_wellformed.add_argument("envelopes")
    args = parser.parse_args()
    return {"call": call, "dump": dump, "wellformed": wellformed}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())

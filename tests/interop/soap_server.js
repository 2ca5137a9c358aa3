'use strict';
// node `soap` as a SOAP server for the Rust toolchain's clients, for tests/tests/interop.rs.
//
//     node soap_server.js [--wsdl DIR]
//
// Serves both WSDLs (wsdl/services87 in the repository unless --wsdl says otherwise)
// once per value set of values.json, at http://127.0.0.1:PORT/{A,B}/{CustomerService,SoPrincipal}.svc
// on an ephemeral port, and prints {"port": PORT} on the first line of stdout. Every
// operation answers the set's response (body and headers) and checks the request it got
// against the set's request; a mismatch is answered with a SOAP fault naming it. Each request
// also prints one line of JSON: {"service", "op", "set", "problems": [...]}.
//
// node `soap` needs some help to write what the schema says; every workaround is marked
// "Workaround" here and listed in DIVERGENCES.md.

const fs = require('fs');
const http = require('http');
const path = require('path');
const soap = require('soap');

const HERE = __dirname;
const NS = {
  arr: 'http://schemas.microsoft.com/2003/10/Serialization/Arrays',
  dsa: 'http://schemas.datacontract.org/2004/07/System.Security.Cryptography',
};
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const SERVICES = {
  CustomerService: { file: 'Services87-CustomerService.wsdl', service: 'WcfCustomerServiceService', port: 'BasicHttpBinding_CustomerService' },
  SoPrincipal: { file: 'Services87-SoPrincipal.wsdl', service: 'WcfSoPrincipalService', port: 'BasicHttpBinding_SoPrincipal' },
};
const SETS = ['A', 'B'];
const TNS = 'http://www.superoffice.net/ws/crm/NetServer/Services87';
// The response headers in binding order (soap:header elements of the output).
const RESPONSE_HEADERS = ['ExceptionInfo', 'ExtraInfo', 'Succeeded', 'TimeZone'];

function wsdlDir() {
  const i = process.argv.indexOf('--wsdl');
  return i > 0 ? process.argv[i + 1] : path.join(HERE, '..', '..', 'wsdl', 'services87');
}

// ---- values.json ----

const values = JSON.parse(fs.readFileSync(path.join(HERE, 'values.json'), 'utf8'));

function clone(value) {
  return JSON.parse(JSON.stringify(value));
}

// Expands $ref fragments (keys beside $ref replace the fragment's, in place) and '$op'.
function resolve(value, op) {
  if (Array.isArray(value)) return value.map((v) => resolve(v, op));
  if (value !== null && typeof value === 'object') {
    if ('$ref' in value) {
      const base = resolve(clone(values.fragments[value.$ref]), op);
      for (const [key, override] of Object.entries(value)) {
        if (key !== '$ref') base[key] = resolve(override, op);
      }
      return base;
    }
    const out = {};
    for (const [key, v] of Object.entries(value)) out[key] = resolve(v, op);
    return out;
  }
  return value === '$op' ? op : value;
}

function tagOf(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0].startsWith('$') ? keys[0] : null;
}

// ---- values as node soap writes them ----

// The value to hand node soap for writing. prefixes maps 'arr'/'dsa' to the prefixes node
// declares on its envelope for those namespaces.
function toNode(value, prefixes) {
  const tag = tagOf(value);
  if (tag === '$list') return value.$list.join(' ');
  if (tag === '$dateTime' || tag === '$base64' || tag === '$double') {
    // Workaround: ±INF as lexical strings; node writes JS numbers with String(), so
    // Infinity would come out as "Infinity", which is no xs:double.
    return value[tag];
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    // Workaround: node writes a null array item as an empty element, not a nil one.
    return value.map((item) => (item === null ? { attributes: { 'xsi:nil': 'true' } } : toNode(item, prefixes)));
  }
  if (typeof value === 'object') {
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      // Workaround: node writes every child in its parent's namespace; elements of another
      // schema (Serialization/Arrays, System.Security.Cryptography) get its prefix by name.
      const m = /^(arr|dsa):(.*)$/.exec(key);
      out[m ? `${prefixes[m[1]]}:${m[2]}` : key] = toNode(v, prefixes);
    }
    return out;
  }
  return value;
}

// ---- values as node soap reads them ----

// The value node soap's parser gives for `value` (what soap_server.js compares a request
// with): numbers and booleans typed by the schema (`typed`; node reads headers without their
// schema, so every header value is text), dates kept as text (see customDeserializer
// below), nil as null, every other element as text or an object of its children. An element
// without children or text (an empty flag list, an empty array) reads as null.
function asParsed(value, typed) {
  const tag = tagOf(value);
  if (tag === '$list') return value.$list.length ? value.$list.join(' ') : null;
  if (tag === '$dateTime' || tag === '$base64' || tag === '$double') return value[tag];
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => asParsed(v, typed));
  if (typeof value === 'object') {
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v) && v.length === 0) continue; // zero occurrences
      out[key.replace(/^(arr|dsa):/, '')] = asParsed(v, typed);
    }
    return Object.keys(out).length ? out : null;
  }
  return typed ? value : String(value);
}

// Compares node's parsed request with the expected one; returns the differences.
function compare(expected, actual, where, problems) {
  if (Array.isArray(expected)) {
    // node gives a repeated element that occurs once as a single value, not a list, unless
    // the schema lookup tells it the element repeats; zero occurrences give no key at all.
    const list = Array.isArray(actual) ? actual : actual === undefined ? [] : [actual];
    if (list.length !== expected.length) {
      problems.push(`${where}: expected ${expected.length} items ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    expected.forEach((e, i) => compare(e, list[i], `${where}[${i}]`, problems));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      problems.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      return;
    }
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    for (const key of keys) {
      if (key === 'attributes') continue; // xmlns and xsi attributes node keeps
      compare(expected[key], actual[key], `${where}/${key}`, problems);
    }
    return;
  }
  if (expected !== actual) {
    problems.push(`${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// ---- serving ----

function implementation(serviceName, setName, prefixes) {
  const spec = values.services[serviceName];
  const port = {};
  for (const op of Object.keys(spec.operations)) {
    port[op] = (args, callback, headers) => {
      const c = resolve(spec.operations[op][setName], op);
      const h = resolve(spec.headers[setName], op);
      const problems = [];
      compare(asParsed(c.request, true) || {}, args || {}, `${op}/body`, problems);
      const gotHeaders = {};
      for (const [key, value] of Object.entries(headers || {})) {
        // zeep-style WS-Addressing or other headers are not ours to check.
        if (key in h.request) gotHeaders[key] = value;
      }
      compare(asParsed(h.request, false) || {}, gotHeaders, `${op}/headers`, problems);
      if (problems.length === 0 && Object.keys(headers || {}).some((k) => !(k in h.request))) {
        problems.push(`${op}/headers: unexpected headers ${JSON.stringify(headers)}`);
      }
      process.stdout.write(`${JSON.stringify({ service: serviceName, op, set: setName, problems, args, headers })}\n`);
      if (problems.length) {
        callback({ Fault: { faultcode: 'soap:Client', faultstring: `node soap received wrong values: ${problems.join('; ')}`, statusCode: 500 } });
        return;
      }
      callback(null, toNode(c.response, prefixes));
    };
  }
  return { [SERVICES[serviceName].service]: { [SERVICES[serviceName].port]: port } };
}

function listen(server, serviceName, setName) {
  return new Promise((resolveListen, reject) => {
    const wsdl = fs.readFileSync(path.join(wsdlDir(), SERVICES[serviceName].file), 'utf8');
    const prefixes = {};
    const soapServer = soap.listen(server, {
      path: `/${setName}/${serviceName}.svc`,
      services: {},
      xml: wsdl,
      // Keep nil as null (node drops nil elements by default).
      handleNilAsNull: true,
      // Keep dates as text: node makes JS Dates of them, losing the offset and digits
      // beyond milliseconds.
      customDeserializer: { dateTime: (text) => text },
      attributesKey: 'attributes',
      callback: (err, s) => {
        if (err) {
          reject(err);
          return;
        }
        // Workaround: the server ignores the preserveWhitespace option (only the client
        // copies it to the WSDL), so node would trim the text of every element.
        s.wsdl.options.preserveWhitespace = true;
        // Workaround: node writes xsi:nil without declaring the xsi prefix.
        s.wsdl.xmlnsInEnvelope += ` xmlns:xsi="${XSI}"`;
        for (const [alias, uri] of Object.entries(NS)) {
          const m = new RegExp(`xmlns:(\\w+)="${uri.replace(/[.]/g, '\\.')}"`).exec(s.wsdl.xmlnsInEnvelope);
          prefixes[alias] = m ? m[1] : alias;
          if (!m) s.wsdl.xmlnsInEnvelope += ` xmlns:${alias}="${uri}"`;
        }
        resolveListen(s);
      },
    });
    Object.assign(soapServer.services, implementation(serviceName, setName, prefixes));
    const spec = values.services[serviceName];
    for (const name of RESPONSE_HEADERS) {
      soapServer.addSoapHeader((methodName) => {
        const h = resolve(spec.headers[setName], methodName).response;
        return name in h ? { [name]: toNode(h[name], prefixes) } : '';
      }, name, 'tns', TNS);
    }
  });
}

async function main() {
  const server = http.createServer((req, res) => {
    res.statusCode = 404;
    res.end(`no service at ${req.url}\n`);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  for (const setName of SETS) {
    for (const serviceName of Object.keys(SERVICES)) {
      await listen(server, serviceName, setName);
    }
  }
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});

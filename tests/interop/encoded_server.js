// node `soap` serving the rpc/encoded fixture service (wsdl/fixtures/rpc_encoded) for our
// generated client, for the rpc/encoded interop test of tests/tests/interop.
//
//     node encoded_server.js WSDL
//
// Listens on an ephemeral port of 127.0.0.1 and prints {"port": PORT} on the first line of
// stdout. findItems answers two items and a summary, or a fault when the request is not
// query "red & small", limit 2, with ticket "t-7". node `soap` writes the response's part
// accessors in the wrapper's namespace (rpc parts are unqualified) and no xsi:type; the
// summary's note is text, since node `soap` would write xsi:nil without declaring xsi.

'use strict';

const fs = require('fs');
const http = require('http');
const soap = require('soap');

// The text of an element as node `soap` parses it: a typed one (xsi:type) is an object
// with `attributes` and `$value`.
function text(value) {
  if (value !== null && typeof value === 'object' && '$value' in value) return value.$value;
  return value;
}

function findItems(args, _callback, headers) {
  const ticket = headers && text(headers.ticket);
  if (text(args.query) !== 'red & small' || Number(text(args.limit)) !== 2 || ticket !== 't-7') {
    const got = JSON.stringify({ args, headers });
    throw { Fault: { faultcode: 'soap:Client', faultstring: `unexpected request ${got}` } };
  }
  const tags = { item: ['red', 'small'] };
  return {
    items: {
      item: [
        { sku: 'A-1', quantity: 3, price: 9.5, tags },
        { sku: 'B-2', quantity: 0, price: 12.25, tags },
      ],
    },
    summary: { status: 'partial', counts: { item: [1, 2, 3] }, note: 'from node' },
  };
}

const service = { InventoryService: { InventoryPort: { findItems } } };
const xml = fs.readFileSync(process.argv[2], 'utf8');
const server = http.createServer((request, response) => {
  response.statusCode = 404;
  response.end();
});
server.listen(0, '127.0.0.1', () => {
  const soapServer = soap.listen(server, '/inventory.php', service, xml);
  soapServer.log = () => {};
  console.log(JSON.stringify({ port: server.address().port }));
});

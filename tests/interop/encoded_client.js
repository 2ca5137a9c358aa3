// Calls the rpc/encoded fixture service (wsdl/fixtures/rpc_encoded) with node `soap` and
// prints what came back, one line per value: the rpc/encoded interop test of
// tests/tests/interop.
//
// Usage: node encoded_client.js WSDL ENDPOINT

'use strict';

const soap = require('soap');

// The items of a soapenc:Array as node `soap` gives it: an object holding a list (or one
// value) under the items' element name.
function itemsOf(array) {
  if (array === undefined || array === null) return [];
  if (Array.isArray(array)) return array;
  const [values] = Object.keys(array)
    .filter((key) => key !== 'attributes' && key !== '$attributes')
    .map((key) => array[key]);
  if (values === undefined) return [];
  return Array.isArray(values) ? values : [values];
}

function text(value) {
  if (value !== null && typeof value === 'object' && '$value' in value) return value.$value;
  return value;
}

async function main() {
  const [wsdl, endpoint] = process.argv.slice(2);
  const client = await soap.createClientAsync(wsdl, { endpoint });
  client.addSoapHeader({ ticket: 't-7' });
  const [result] = await client.findItemsAsync({ query: 'red & small', limit: 2 });
  for (const item of itemsOf(result.items)) {
    const tags = itemsOf(item.tags).map(text).join(',');
    console.log(`item ${text(item.sku)} ${text(item.quantity)} ${text(item.price)} ${tags}`);
  }
  const summary = result.summary;
  const counts = itemsOf(summary.counts).map(text).join(',');
  const note = summary.note === undefined ? 'undefined' : JSON.stringify(summary.note);
  console.log(`summary ${text(summary.status)} ${counts} ${note}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

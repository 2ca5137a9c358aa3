'use strict';
// node `soap`'s response deserializer over payload files, for bench/src/bin/compare/.
//
//     node node_read.js --wsdl DIR [--budget SECONDS] [--min-iterations N] FILE...
//
// Each FILE is a `GetAllCustomerCenterConfigs` response envelope. After
// soap.createClientAsync on the WSDL (default options), `client.wsdl.xmlToObject(xml)` is
// timed: the sax parse and the schema-driven conversion into objects, as the client does
// with a response body (it receives the body as a string; the file is decoded to a string
// once, outside the loop). One warm-up call's result is checked: its configs are counted. The
// loop runs until SECONDS have passed and N calls were made. Prints one JSON line per file:
// {"file", "bytes", "iterations", "seconds", "decoded"}.
// Uses the interop suite's node_modules (tests/interop/node_modules).

const fs = require('fs');
const path = require('path');
const soap = require(path.join(__dirname, '..', 'tests', 'interop', 'node_modules', 'soap'));

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function files() {
  const out = [];
  for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i].startsWith('--')) i++;
    else out.push(process.argv[i]);
  }
  return out;
}

// The configs in node's result: Body.GetAllCustomerCenterConfigsResponse.Response.CustomerCenterConfig
// (an object rather than an array when there is one).
function countConfigs(obj) {
  const response = obj.Body.GetAllCustomerCenterConfigsResponse.Response;
  if (!response) return 0;
  const configs = [].concat(response.CustomerCenterConfig || []);
  // Check one field deep inside too: the values were really decoded.
  const last = configs[configs.length - 1];
  if (last && !last.FieldProperties) throw new Error('node soap: FieldProperties were not decoded');
  return configs.length;
}

async function main() {
  const wsdl = path.join(option('--wsdl'), 'Services87-CustomerService.wsdl');
  const budget = Number(option('--budget', '3')) * 1000;
  const minIterations = Number(option('--min-iterations', '3'));
  const client = await soap.createClientAsync(wsdl);
  for (const file of files()) {
    const bytes = fs.readFileSync(file);
    const xml = bytes.toString('utf8');
    const decoded = countConfigs(client.wsdl.xmlToObject(xml));
    let iterations = 0;
    let elapsed = 0;
    const start = process.hrtime.bigint();
    for (;;) {
      client.wsdl.xmlToObject(xml);
      iterations++;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
      if (elapsed >= budget && iterations >= minIterations) break;
    }
    console.log(JSON.stringify({ file, bytes: bytes.length, iterations, seconds: elapsed / 1000, decoded }));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

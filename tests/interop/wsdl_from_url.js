// Loads a WSDL from a server's `?wsdl` URL with node `soap` and calls GetSystemInfo at the
// address the WSDL gives, printing what came back: the `?wsdl` interop test of
// tests/tests/interop.
//
// Usage: node wsdl_from_url.js URL

'use strict';

const soap = require('soap');

async function main() {
  const client = await soap.createClientAsync(process.argv[2]);
  const services = client.describe();
  const [service] = Object.keys(services);
  const [port] = Object.keys(services[service]);
  const address = client.wsdl.definitions.services[service].ports[port].location;
  console.log(`address ${address}`);
  const [result] = await client.GetSystemInfoAsync({});
  console.log(`warning ${result.SystemInfo.WarningEnglish}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// Tests use the same free-port finder as the daemons dnsorder starts.
export { freeLoopbackPort as freePort } from '../../src/net/free-port.js';

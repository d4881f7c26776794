export * from './message.js';
export * from './encode.js';
export * from './decode.js';
export * from './name.js';
export * from './rrtype.js';
export * from './zonemd.js';
export * from './generic-rdata.js';
export { NameCompressor } from './name-compression.js';
export * from './mutate.js';

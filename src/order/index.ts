export * from './analyze.js';
export * from './finding.js';
export * from './chain.js';

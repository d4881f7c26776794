export * from './layout.js';
export * from './catalogue-index.js';
export * from './response.js';
export { canonicalLayout } from './catalogue.js';
export { materialise, chainFor, terminalAddress, UNRELATED_A, UNRELATED_AAAA } from './materialise.js';
export { permutationByIndex, seededShuffle, factorial } from './permutations.js';

// The fake API under its former import path, for TypeScript code that imports
// '../scripts/mock-server.mjs'; the fake itself lives in test/fake-api/.
export * from '../test/fake-api/server.js';

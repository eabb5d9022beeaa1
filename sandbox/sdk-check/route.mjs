// The one thing check.mjs and bench.mjs replace in Wix's SDK: the network. The SDK always
// calls https://www.wixapis.com; `fetch` is wrapped to send those requests to the sandbox
// instead (and to tell `onRequest` about each, when given).

import assert from 'node:assert/strict';

/**
 * Sends every request the SDK makes to `sandbox` (e.g. http://127.0.0.1:8085), keeping its
 * path and query; `onRequest(init, url)` sees each one first, with the URL the SDK meant.
 */
export function routeToSandbox(sandbox, onRequest = () => {}) {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const original = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    assert.equal(original.origin, 'https://www.wixapis.com', `the SDK called ${original.origin}`);
    onRequest(init, original);
    return realFetch(new URL(original.pathname + original.search, sandbox), init);
  };
}

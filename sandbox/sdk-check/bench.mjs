// Wix's official JavaScript SDK as a contender in the client benchmark
// (benches/benches/client.rs starts it, once per run, against the same sandbox): N sends of
// the benchmark's payloads at a fixed concurrency, timed by this process itself after a
// warm-up, with its own CPU time from process.cpuUsage(). Prints `warmed` when the warm-up
// is over (so that the bench can read the sandbox's CPU from there), then one JSON line:
// {"seconds", "cpuMicros", "requests", "failures", "firstFailure", "rssKib"}.
//
//   SANDBOX_URL=http://127.0.0.1:PORT BENCH_PAYLOADS=bodies.json BENCH_REQUESTS=10000 \
//   BENCH_CONCURRENCY=32 BENCH_WARMUP=1000 BENCH_TOKEN=made-up-token node bench.mjs
//
// BENCH_PAYLOADS is a JSON array of Send Message request bodies as they go on the wire
// (`{"conversationId": ..., "message": {...}}`); each is sent as
// `messages.sendMessage(conversationId, message)`, rotating through them.

import { readFileSync } from 'node:fs';
import { ApiKeyStrategy, createClient } from '@wix/sdk';
import { messages } from '@wix/inbox';
import { routeToSandbox } from './route.mjs';

const SITE_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

function setting(name, fallback) {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    console.error(`set ${name}`);
    process.exit(2);
  }
  return value;
}

function count(name, fallback) {
  const value = Number(setting(name, fallback));
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name}: expected a whole number`);
    process.exit(2);
  }
  return value;
}

routeToSandbox(setting('SANDBOX_URL'));
const payloads = JSON.parse(readFileSync(setting('BENCH_PAYLOADS'), 'utf8'));
const requests = count('BENCH_REQUESTS', '10000');
const concurrency = Math.max(1, count('BENCH_CONCURRENCY', '32'));
const warmUp = count('BENCH_WARMUP', '1000');
const client = createClient({
  auth: ApiKeyStrategy({ apiKey: setting('BENCH_TOKEN'), siteId: SITE_ID }),
  modules: { messages },
});

/** Sends `total` messages with `concurrency` workers pulling from one counter. */
async function sendAll(total) {
  let next = 0;
  const outcome = { failures: 0, firstFailure: null };
  const worker = async () => {
    for (let index = next++; index < total; index = next++) {
      const { conversationId, message } = payloads[index % payloads.length];
      try {
        const answer = await client.messages.sendMessage(conversationId, message);
        if (!answer?.message?._id) throw new Error(`no stored message in ${JSON.stringify(answer)}`);
      } catch (error) {
        outcome.failures += 1;
        outcome.firstFailure ??= String(error?.message ?? error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return outcome;
}

const warm = await sendAll(warmUp);
console.log('warmed');
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const measured = await sendAll(requests);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({
  seconds,
  cpuMicros: cpu.user + cpu.system,
  requests,
  failures: measured.failures + warm.failures,
  firstFailure: warm.firstFailure ?? measured.firstFailure,
  rssKib: Math.round(process.memoryUsage().rss / 1024),
}));

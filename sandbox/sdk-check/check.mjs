// Wix's official JavaScript SDK (@wix/sdk with @wix/inbox), unchanged, against the tollgate
// sandbox: API-key and AppStrategy clients send every content kind, read validation errors,
// and list with paging in both orders.
//
// The SDK always calls https://www.wixapis.com; the only thing replaced is the network
// (route.mjs): `fetch` is wrapped to send those requests to the sandbox instead, and to record them.
//
//   SANDBOX_URL=http://127.0.0.1:PORT node check.mjs
//
// with the sandbox started as `tollgate-sandbox --app-id APP_ID --app-secret APP_SECRET`
// (the values below).

import assert from 'node:assert/strict';
import { ApiKeyStrategy, AppStrategy, createClient } from '@wix/sdk';
import { messages } from '@wix/inbox';
import { routeToSandbox } from './route.mjs';

export const APP_ID = '9e1c6a4f-2b7d-4c3e-8f5a-1d2c3b4a5e6f';
export const APP_SECRET = 'made-up-app-secret-for-the-sdk-check';
const INSTANCE_ID = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f';
const SITE_ID = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const SANDBOX_APP_ID = '5a4d6b1e-0c3f-4e2a-9b7d-7a1b2c3d4e5f';

const sandbox = process.env.SANDBOX_URL;
if (!sandbox) {
  console.error('set SANDBOX_URL to the sandbox, e.g. http://127.0.0.1:8085');
  process.exit(2);
}

/** Every request the SDK made: method, path, whether its query is the `.r` form. */
const seen = [];
routeToSandbox(sandbox, (init, original) => {
  seen.push({ method: init?.method ?? 'GET', path: original.pathname, r: original.searchParams.has('.r') });
});

const conversationId = crypto.randomUUID();

const contents = {
  text: { basic: { items: [{ text: 'Hello from the SDK' }] } },
  image: { basic: { items: [{ image: { url: 'https://static.wixstatic.com/media/a.png', filename: 'a.png' } }] } },
  file: { basic: { items: [{ file: { url: 'https://example.com/report.pdf', filename: 'report.pdf', mimeType: 'application/pdf' } }] } },
  template: {
    template: {
      title: 'Your order',
      textLines: ['Ready for pickup'],
      imageUrl: 'https://example.com/order.png',
      orientation: 'LANDSCAPE',
      buttons: [{ label: 'Track', launchUrl: 'https://example.com/track' }, { label: 'Thanks', postbackProperties: { interactionId: 'thanks' } }],
    },
  },
  minimal: { minimal: { text: 'Payment received', iconUrl: 'https://example.com/i.png', url: 'https://example.com/pay' } },
  form: {
    form: {
      title: 'Contact form',
      description: 'Submitted from the site',
      fields: [{ name: 'Email', value: 'someone@example.com' }],
      media: [{ image: { url: 'https://example.com/photo.jpg' } }],
    },
  },
  system: { system: { text: 'Conversation started' } },
};

async function sendEveryKind(client, label, senderAppId) {
  for (const [kind, content] of Object.entries(contents)) {
    const { message } = await client.messages.sendMessage(conversationId, { content, direction: 'BUSINESS_TO_PARTICIPANT' });
    assert.ok(message._id, `${label} ${kind}: the stored message has an id`);
    assert.ok(message._createdDate instanceof Date, `${label} ${kind}: createdDate reads as a Date (the SDK names it _createdDate)`);
    assert.equal(message.sender?.appId, senderAppId, `${label} ${kind}: sent as ${senderAppId}`);
    assert.deepEqual(Object.keys(message.content).filter((key) => key !== 'previewText'), Object.keys(content), `${label} ${kind}`);
  }
  console.log(`${label}: sent ${Object.keys(contents).length} content kinds (${Object.keys(contents).join(', ')})`);
}

async function expectViolations(promise, label, expected) {
  const error = await promise.then(() => assert.fail(`${label}: was accepted`), (error) => error);
  const violations = error.details?.validationError?.fieldViolations;
  assert.ok(Array.isArray(violations), `${label}: a validation error, got ${error.message}`);
  for (const [field, rule] of expected) {
    assert.ok(violations.some((v) => v.field === field && v.violatedRule === rule), `${label}: ${field} ${rule} in ${JSON.stringify(violations)}`);
  }
  assert.ok(error.requestId, `${label}: the error carries x-wix-request-id`);
  console.log(`${label}: ${violations.map((v) => `${v.field} ${v.violatedRule}`).join(', ')}`);
}

async function readValidationErrors(client, label) {
  await expectViolations(
    client.messages.sendMessage('not-a-guid', { content: { basic: { items: [{ text: 'x' }] } } }),
    `${label}: send to a bad conversation id`,
    [['conversationId', 'FORMAT']],
  );
  await expectViolations(
    client.messages.sendMessage(conversationId, { content: { basic: { items: [{ text: 'x' }] }, minimal: { text: 'y' } } }),
    `${label}: send two content kinds`,
    [['message.content.minimal', 'ONE_OF_ALIGNMENT']],
  );
  await expectViolations(
    client.messages.sendMessage(conversationId, { content: { basic: { items: [{ text: '' }] } } }),
    `${label}: send an empty text`,
    [['message.content.basic.items[0].text', 'MIN_LENGTH']],
  );
  await expectViolations(
    client.messages.listMessages(conversationId, undefined, { paging: { limit: 101 } }),
    `${label}: list without visibility, 101 a page (the SDK names paging by its argument, options)`,
    [['visibility', 'REQUIRED_FIELD'], ['options.paging.limit', 'MAX']],
  );
}

async function listEveryPage(client, order, limit) {
  const sequences = [];
  let pages = 0;
  let page = await client.messages.listMessages(conversationId, 'BUSINESS', { paging: { limit }, sorting: { fieldName: 'sequence', order } });
  for (;;) {
    pages += 1;
    assert.equal(page.pagingMetadata.count, page.messages.length);
    sequences.push(...page.messages.map((m) => Number(m.sequence)));
    const next = page.pagingMetadata.cursors?.next;
    if (!next) break;
    page = await client.messages.listMessages(conversationId, 'BUSINESS', { paging: { limit, cursor: next } });
  }
  const sorted = [...sequences].sort((a, b) => (order === 'ASC' ? a - b : b - a));
  assert.deepEqual(sequences, sorted, `${order}: in order`);
  assert.equal(new Set(sequences).size, sequences.length, `${order}: no message twice`);
  console.log(`list ${order}, ${limit} a page: ${sequences.length} messages in ${pages} pages`);
  return sequences;
}

const apiKeyClient = createClient({ auth: ApiKeyStrategy({ apiKey: 'made-up-api-key', siteId: SITE_ID }), modules: { messages } });
const appClient = createClient({
  auth: AppStrategy({ appId: APP_ID, appSecret: APP_SECRET, instanceId: INSTANCE_ID }),
  modules: { messages },
});

await sendEveryKind(apiKeyClient, 'ApiKeyStrategy', SANDBOX_APP_ID);
await sendEveryKind(appClient, 'AppStrategy', APP_ID);
await readValidationErrors(apiKeyClient, 'ApiKeyStrategy');
await readValidationErrors(appClient, 'AppStrategy');

const total = 2 * Object.keys(contents).length;
const ascending = await listEveryPage(appClient, 'ASC', 4);
const descending = await listEveryPage(apiKeyClient, 'DESC', 5);
assert.equal(ascending.length, total);
assert.deepEqual(descending, [...ascending].reverse());
const plain = await apiKeyClient.messages.listMessages(conversationId, 'BUSINESS');
assert.equal(plain.messages.length, total, 'default page size (30) holds them all');
assert.equal(Number(plain.messages[0].sequence), Math.max(...ascending), 'newest first by default');

const tokenRequests = seen.filter((r) => r.path === '/oauth2/token').length;
const lists = seen.filter((r) => r.method === 'GET' && r.path === '/inbox/v2/messages');
assert.ok(lists.some((r) => r.r) && lists.some((r) => !r.r), 'both GET forms were used: .r and plain parameters');
console.log(`AppStrategy asked for a token ${tokenRequests} time(s); ${lists.filter((r) => r.r).length} lists sent .r, ${lists.filter((r) => !r.r).length} plain parameters`);
assert.equal(tokenRequests, 1, 'the SDK caches its app token');
console.log('the Wix JavaScript SDK works against the sandbox');

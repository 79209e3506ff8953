// The Appmixer-style connector end to end against the Pinterest stand-in:
// the OAuth 2.0 definition through the component, paging through boards,
// creating a pin, and failures surfacing with the connector's remedy.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CancelError, authContext, load, receive } from './support/appmixer.js';
import { requestReported, settledRequests, startStandIn } from './support/stand-in.js';

const auth = load('auth.js').definition;
const lib = load('lib.js');

let pinterest;
before(async () => {
  pinterest = await startStandIn();
  await lib.ready;
});
after(() => pinterest.stop());

/** The consent page as a browser would meet it: approve, follow the redirect back. */
async function consent(url) {
  const response = await fetch(url, { redirect: 'manual' });
  assert.equal(response.status, 302, await response.text());
  return new URL(response.headers.get('location'));
}

async function signIn() {
  const context = authContext(pinterest);
  const redirect = await consent(auth.authUrl(context));
  context.authorizationCode = redirect.searchParams.get('code');
  return { context, tokens: await auth.requestAccessToken(context) };
}

test('the oauth2 definition runs the whole flow through the component', async () => {
  const context = authContext(pinterest);
  const url = auth.authUrl(context);
  assert.equal(typeof url, 'string', 'authUrl answers synchronously');
  const consentUrl = new URL(url);
  assert.equal(consentUrl.searchParams.get('state'), context.ticket);
  assert.equal(consentUrl.searchParams.get('scope'), auth.scope.join(','));
  assert.equal(consentUrl.searchParams.get('redirect_uri'), context.callbackUrl);

  const redirect = await consent(url);
  assert.equal(redirect.searchParams.get('state'), context.ticket);
  context.authorizationCode = redirect.searchParams.get('code');

  const tokens = await auth.requestAccessToken(context);
  assert.match(tokens.accessToken, /^pina_/);
  assert.match(tokens.refreshToken, /^pinr_/);
  const days = (date) => (date.getTime() - Date.now()) / 86_400_000;
  assert.ok(days(tokens.accessTokenExpDate) > 29 && days(tokens.accessTokenExpDate) <= 30);
  assert.ok(days(tokens.refreshTokenExpDate) > 59 && days(tokens.refreshTokenExpDate) <= 60);

  const profile = await auth.requestProfileInfo({ ...context, accessToken: tokens.accessToken });
  assert.equal(profile[auth.accountNameFromProfileInfo], 'standin_studio');
  assert.equal(profile['account-type'], 'business');
  await auth.validateAccessToken({ ...context, accessToken: tokens.accessToken });

  const refreshed = await auth.refreshAccessToken({ ...context, refreshToken: tokens.refreshToken });
  assert.notEqual(refreshed.refreshToken, tokens.refreshToken, 'the refresh token rotates');
  await auth.validateAccessToken({ ...context, accessToken: refreshed.accessToken });

  // The old refresh token is spent: the connector says what to do.
  await assert.rejects(
    auth.refreshAccessToken({ ...context, refreshToken: tokens.refreshToken }),
    (error) => error.tag === 'grant-rejected'
      && /send the user through authorize again/.test(error.message)
      && !error.message.includes(tokens.refreshToken),
  );
});

test('a wrong code and a bad token are refused with their remedies', async () => {
  const context = { ...authContext(pinterest), authorizationCode: 'not-a-code' };
  await assert.rejects(auth.requestAccessToken(context), (error) => error.tag === 'grant-rejected' && error.remedy.length > 0);
  await assert.rejects(
    auth.validateAccessToken({ ...context, accessToken: 'pina_forged' }),
    (error) => error.tag === 'unauthorized' && /refresh/i.test(error.remedy),
  );
});

test('ListBoards lists every board of the account', async () => {
  const { context, tokens } = await signIn();
  const before = (await settledRequests(pinterest)).length;
  const [message] = await receive('ListBoards', {}, { accessToken: tokens.accessToken, config: context.config });
  assert.equal(message.port, 'out');
  const { boards, count, bookmark } = message.data;
  assert.equal(count, boards.length);
  assert.equal(bookmark, undefined, 'every board read');
  assert.equal(new Set(boards.map((b) => b.id)).size, count, 'no board twice');
  // The stand-in's 60 boards but the 7 secret ones (they need boards:read_secret).
  assert.equal(count, 53);
  assert.ok(boards.every((b) => /^\d+$/.test(b.id) && typeof b.name === 'string' && b.privacy));
  const pages = (await settledRequests(pinterest))
    .slice(before)
    .filter((r) => r.target.startsWith('/sandbox/v5/boards'));
  assert.deepEqual(pages.map((r) => r.target), ['/sandbox/v5/boards?page_size=250']);
});

test('ListBoards stops at maxBoards and says where', async () => {
  const { context, tokens } = await signIn();
  const [message] = await receive('ListBoards', { maxBoards: 15 }, { accessToken: tokens.accessToken, config: context.config });
  assert.equal(message.data.count, 15);
  assert.equal(typeof message.data.bookmark, 'string');
});

test('CreatePin creates a pin in the sandbox', async () => {
  const { context, tokens } = await signIn();
  const [message] = await receive('CreatePin', {
    boardId: '549755885100',
    imageUrl: 'https://example.com/lemon-tart.jpg',
    title: 'Lemon tart',
    link: 'https://example.com/recipes/lemon-tart',
    altText: '',
  }, { accessToken: tokens.accessToken, config: context.config });
  assert.equal(message.port, 'out');
  assert.match(message.data.id, /^\d+$/);
  assert.equal(message.data.boardId, '549755885100');
  assert.equal(message.data.title, 'Lemon tart');
  assert.match(message.data.createdAt, /Z$/);
  assert.ok(await requestReported(pinterest, (r) => r.method === 'POST' && r.target === '/sandbox/v5/pins' && r.status === 201));
});

test('a failure that retrying cannot fix is a CancelError carrying the remedy', async () => {
  const { context, tokens } = await signIn();
  const production = { ...context.config, environment: 'production', apiBaseUrl: pinterest.api };
  const input = { boardId: '549755885100', imageUrl: 'https://example.com/tart.jpg' };
  // Tokens are bound to the environment that issued them: get production ones.
  const prod = authContext(pinterest, { config: { ...production, authorizeUrl: pinterest.consentPage } });
  prod.authorizationCode = (await consent(auth.authUrl(prod))).searchParams.get('code');
  const prodTokens = await auth.requestAccessToken(prod);
  await assert.rejects(
    receive('CreatePin', input, { accessToken: prodTokens.accessToken, config: production }),
    (error) => error instanceof CancelError && /sandbox/i.test(error.message),
  );

  const sent = (await settledRequests(pinterest)).length;
  await assert.rejects(
    receive('CreatePin', { ...input, title: 'x'.repeat(101) }, { accessToken: tokens.accessToken, config: context.config }),
    (error) => error instanceof CancelError && /pin\.title/.test(error.message) && /100/.test(error.message),
  );
  await assert.rejects(
    receive('CreatePin', { ...input, boardName: 'Desserts' }, { accessToken: tokens.accessToken, config: context.config }),
    (error) => error instanceof CancelError && /boardName is not a field of CreatePin/.test(error.message),
  );
  assert.equal((await settledRequests(pinterest)).length, sent, 'refused before any request');
});

test('a failure that may pass later is a plain Error, so Appmixer retries it', async () => {
  const limited = await startStandIn(['--writes-per-minute', '1']);
  try {
    const context = authContext(limited);
    context.authorizationCode = (await consent(auth.authUrl(context))).searchParams.get('code');
    const tokens = await auth.requestAccessToken(context);
    const input = { boardId: '549755885100', imageUrl: 'https://example.com/tart.jpg' };
    await receive('CreatePin', input, { accessToken: tokens.accessToken, config: context.config });
    await assert.rejects(
      receive('CreatePin', input, { accessToken: tokens.accessToken, config: context.config }),
      (error) => !(error instanceof CancelError) && error.tag === 'rate-limited' && error.retryable && /wait|retry/i.test(error.message),
    );
  } finally {
    limited.stop();
  }
});

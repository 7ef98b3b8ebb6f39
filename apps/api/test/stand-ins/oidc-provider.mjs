// A real OpenID provider (node-oidc-provider) on 127.0.0.1 standing in for Google in tests. It runs in
// its own Node process: the test controls it over HTTP (/test/*) and reads its address from stdout.
// STAND_IN_PORT picks a fixed port (the browser suite's stack); without it, any free port.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import { createServer } from 'node:http';

const { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, STAND_IN_PORT } = process.env;
const accounts = new Map();
let nextLogin = null;
let tamperNonce = false;

const server = createServer();
await new Promise((resolve) => server.listen(Number(STAND_IN_PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

// Our own signing key, so the test can also mint ID tokens with it (as Google One Tap hands them out).
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: 'stand-in-key', alg: 'RS256', use: 'sig' };

/** An ID token signed with the provider's key; `overrides` make the bad ones (audience, expiry…). */
async function mintIdToken({ claims, audience = CLIENT_ID, expiresIn = '5m', issuedAt }) {
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: signingKey.kid })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresIn)
    .sign(privateKey);
  return token;
}

const provider = new Provider(issuer, {
  jwks: { keys: [signingKey] },
  clients: [
    {
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uris: [REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  // Google puts email and name in the ID token itself; so does this stand-in.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  cookies: { keys: ['stand-in-cookie-key'] },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, sub) =>
    accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, ...accounts.get(sub) }) } : undefined,
});
provider.proxy = false;

// "A tampered nonce": the provider is asked for another nonce than the one the client sent.
provider.use(async (ctx, next) => {
  if (tamperNonce && ctx.path === '/auth' && ctx.query.nonce) {
    const query = new URLSearchParams(ctx.querystring);
    query.set('nonce', `${query.get('nonce')}-tampered`);
    ctx.querystring = query.toString();
  }
  await next();
});

async function readJson(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
}

/**
 * Who the browser at hand signs in as: its `stand_in_login` cookie when it has one (browser tests run in
 * parallel, each with its own cookies), otherwise whoever /test/login named last.
 */
function chosenAccount(request) {
  const cookie = (request.headers.cookie ?? '')
    .split(/;\s*/)
    .find((pair) => pair.startsWith('stand_in_login='));
  return cookie ? decodeURIComponent(cookie.slice('stand_in_login='.length)) : nextLogin;
}

/** Signs in the chosen account, and grants the scopes asked for, without any page. */
async function interact(request, response) {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === 'login') {
    const accountId = chosenAccount(request);
    if (!accountId) throw new Error('no account chosen: POST /test/login first');
    return provider.interactionFinished(request, response, { login: { accountId } });
  }
  const grant = new provider.Grant({
    accountId: details.session.accountId,
    clientId: details.params.client_id,
  });
  grant.addOIDCScope(String(details.params.scope));
  return provider.interactionFinished(
    request,
    response,
    { consent: { grantId: await grant.save() } },
    { mergeWithLastSubmission: true },
  );
}

const callback = provider.callback();
server.on('request', async (request, response) => {
  try {
    if (request.url === '/test/accounts' && request.method === 'POST') {
      const { sub, ...claims } = await readJson(request);
      accounts.set(sub, claims);
    } else if (request.url === '/test/login' && request.method === 'POST') {
      nextLogin = (await readJson(request)).sub;
    } else if (request.url === '/test/id-token' && request.method === 'POST') {
      const token = await mintIdToken(await readJson(request));
      return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token }));
    } else if (request.url === '/test/tamper-nonce' && request.method === 'POST') {
      tamperNonce = (await readJson(request)).enabled === true;
    } else if (request.url?.startsWith('/interaction/')) {
      return await interact(request, response);
    } else {
      return callback(request, response);
    }
    response.writeHead(204).end();
  } catch (error) {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));

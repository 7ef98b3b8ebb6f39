// Cloudflare Turnstile's siteverify on 127.0.0.1 for the browser suite: the API checks the tokens the
// page's widget hands out here. The widget itself is a stand-in script the tests route the page's
// request for Cloudflare's to (src/third-party-scripts.ts): its tokens start with "pass-" or "fail-".
// Like Cloudflare's, a token passes once: a second use answers timeout-or-duplicate.
//
// Env: SECRET_KEY, STAND_IN_PORT (0 or absent: any free port). Prints {"url": …} on stdout.
import { createServer } from 'node:http';

const { SECRET_KEY, STAND_IN_PORT } = process.env;
const spent = new Set();

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function errorsOf(form) {
  const token = form.get('response') ?? '';
  if (form.get('secret') !== SECRET_KEY) return ['invalid-input-secret'];
  if (!token.startsWith('pass-')) return ['invalid-input-response'];
  if (spent.has(token)) return ['timeout-or-duplicate'];
  spent.add(token);
  return [];
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  if (url.pathname === '/test/health') return response.writeHead(204).end();
  if (url.pathname === '/siteverify' && request.method === 'POST') {
    const errors = errorsOf(new URLSearchParams(await readBody(request)));
    const outcome = { success: errors.length === 0, 'error-codes': errors, challenge_ts: new Date() };
    return response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(outcome));
  }
  response.writeHead(404).end();
});

server.listen(Number(STAND_IN_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

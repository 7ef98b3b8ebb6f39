// GitHub's OAuth endpoints and the two API calls Huntkit makes, on 127.0.0.1, for the browser suite's
// stack (the same behaviour as GithubStandIn in apps/api/test/stand-ins, as a process of its own).
// The authorize page "signs in" as the browser's chosen user and sends it straight back, as GitHub does
// for an app the user already approved.
//
// Env: CLIENT_ID, CLIENT_SECRET, STAND_IN_PORT (0 or absent: any free port). Prints {"url": …} on stdout.
// Control: POST /test/users {id, login, name, emails: [{email, primary, verified}]} adds a user; the
// browser picks who it is with a `stand_in_github_user=<id>` cookie (each test has its own browser).
import { createServer } from 'node:http';

const { CLIENT_ID, CLIENT_SECRET, STAND_IN_PORT } = process.env;
const users = new Map();
const codes = new Map();
const tokens = new Map();
let counter = 0;

async function readBody(request) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function cookie(request, name) {
  const pair = (request.headers.cookie ?? '').split(/;\s*/).find((entry) => entry.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const json = (status, body) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  try {
    if (url.pathname === '/test/health') return json(200, { ok: true });
    if (url.pathname === '/test/users' && request.method === 'POST') {
      const user = JSON.parse(await readBody(request));
      users.set(String(user.id), user);
      return response.writeHead(204).end();
    }
    if (url.pathname === '/login/oauth/authorize') {
      const user = users.get(cookie(request, 'stand_in_github_user') ?? '');
      if (url.searchParams.get('client_id') !== CLIENT_ID || !user)
        return json(400, { error: 'bad_request' });
      const code = `code-${(counter += 1)}`;
      codes.set(code, user);
      const back = new URL(url.searchParams.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      return response.writeHead(302, { location: back.href }).end();
    }
    if (url.pathname === '/login/oauth/access_token' && request.method === 'POST') {
      const body = JSON.parse(await readBody(request));
      const user = codes.get(body.code ?? '');
      if (body.client_id !== CLIENT_ID || body.client_secret !== CLIENT_SECRET || !user)
        return json(200, { error: 'bad_verification_code' });
      codes.delete(body.code);
      const token = `gho_${(counter += 1)}`;
      tokens.set(token, user);
      return json(200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
    }
    const user = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!user) return json(401, { message: 'Bad credentials' });
    if (url.pathname === '/api/user') return json(200, { id: user.id, login: user.login, name: user.name });
    if (url.pathname === '/api/user/emails') return json(200, user.emails);
    return json(404, { message: 'Not Found' });
  } catch (error) {
    return json(500, { message: String(error) });
  }
});

await new Promise((resolve) => server.listen(Number(STAND_IN_PORT ?? 0), '127.0.0.1', resolve));
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));

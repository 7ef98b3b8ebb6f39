// `npm start`: from a fresh clone to the running product (api serving the web app, plus a worker).
// Installs dependencies when missing, finds or starts Postgres and Redis, builds, migrates, seeds,
// runs both processes with readable logs, prints the URL and the demo sign-in, and stops on Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const log = (message) => console.log(`\x1b[36m▸\x1b[0m ${message}`);

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 24 || (major === 24 && minor < 15)) {
    console.error(
      `Huntkit needs Node 24.15 or newer (this is ${process.version}). With nvm: nvm install && nvm use (reads .nvmrc).`,
    );
    process.exit(1);
  }
}

function ensureDependencies() {
  if (existsSync(join(ROOT, 'node_modules/.package-lock.json'))) return;
  log('Installing dependencies (npm ci)…');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
}

function run(args, env) {
  return execFileSync(process.execPath, args, {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function waitForReady(url, child) {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error('the API exited during start-up (see the log above)');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the API did not become ready at ${url}`);
}

async function main() {
  checkNode();
  ensureDependencies();
  const { formatLogLine } = await import('./log-format.mjs');
  const { resolveEnvironment } = await import('./environment.mjs');
  const { env, port, appUrl, stopServices } = await resolveEnvironment(log);
  const children = [];
  let stopping = false;
  // Every way out (Ctrl-C, a child dying, a failed step) stops what this script started.
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    log('Stopping…');
    await Promise.all(
      children.map((child) =>
        child.exitCode === null && child.signalCode === null
          ? new Promise((resolve) => {
              child.once('exit', resolve);
              child.kill('SIGTERM');
            })
          : undefined,
      ),
    );
    await stopServices().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    if (!process.env.HUNTKIT_SKIP_BUILD) {
      log('Building api, worker and web (cached after the first time)…');
      execFileSync(
        'npx',
        ['nx', 'run-many', '-t', 'build', '-p', 'api', 'worker', 'web', '--output-style=static'],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
    }
    log(run(['dist/apps/api/cli.js', 'migrate'], env).trim());
    const seeded = run(['dist/apps/api/cli.js', 'seed'], env).trim();
    log(seeded);

    for (const service of ['api', 'worker']) {
      const child = spawn(process.execPath, [`dist/apps/${service}/main.js`], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => console.log(formatLogLine(service, line)));
      }
      child.once('exit', (code) => void stop(code ?? 1));
      children.push(child);
    }

    await waitForReady(`http://127.0.0.1:${port}/api/health/ready`, children[0]);
    // The password is shown only when the seed created the account: later runs leave it unchanged.
    const admin = seeded.includes('created')
      ? `\n  Demo admin:  ${env.DEMO_ADMIN_EMAIL} / ${env.DEMO_ADMIN_PASSWORD}`
      : seeded.includes('already exists')
        ? `\n  Demo admin:  ${env.DEMO_ADMIN_EMAIL} (password as set when it was created)`
        : '';
    console.log(
      `\n\x1b[32m✔ Huntkit is running at ${appUrl}\x1b[0m\n  API docs:    ${appUrl}/api/docs${admin}\n  Stop with Ctrl-C.\n`,
    );
  } catch (error) {
    const output = error.stdout ? `\n${error.stdout}` : '';
    console.error(`\nnpm start failed: ${error.message}${output}`);
    await stop(1);
  }
}

main().catch((error) => {
  console.error(`\nnpm start failed: ${error.message}`);
  process.exit(1);
});

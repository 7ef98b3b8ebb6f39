// `npm run db:migrate | db:seed | db:migration:create [name] | db:migration:check`: builds the API and
// runs its database command against the same Postgres `npm start` uses (or DATABASE_URL).
import { execFileSync } from 'node:child_process';
import { resolveEnvironment } from '../start/environment.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const log = (message) => console.log(`▸ ${message}`);

const { env: startEnv, stopServices } = await resolveEnvironment(log);
// Database commands serve no pages, so they must not need a built web app.
const { WEB_DIST_DIR: _unused, ...env } = startEnv;
try {
  execFileSync('npx', ['nx', 'run', 'api:build', '--output-style=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  execFileSync(process.execPath, ['dist/apps/api/cli.js', ...process.argv.slice(2)], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
} catch (error) {
  process.exitCode = typeof error.status === 'number' ? error.status : 1;
} finally {
  await stopServices();
}

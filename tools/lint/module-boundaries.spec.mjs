// The module boundaries of eslint.config.mjs, proven on small sources linted with the real config as
// files of real projects: each forbidden import fails with the rule that guards it, and the imports the
// architecture allows pass.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const RESULTS_MARKER = 'RESULTS ';
const BOUNDARY_RULES = new Set(['@nx/enforce-module-boundaries', 'huntkit/entry-point-imports']);

/** Each case: a file in a real project, its source, and the boundary errors expected (none when allowed). */
const FORBIDDEN = {
  'a web feature imports an API lib': {
    filePath: 'libs/web/account/src/lib/boundary-fixture.ts',
    code: `import { CreditsService } from '@huntkit/api/credits';\nexport const used = CreditsService;\n`,
    expected: ['@nx/enforce-module-boundaries:onlyTagsConstraintViolation'],
  },
  'a web feature reaches the API lazily': {
    filePath: 'libs/web/tools/src/lib/boundary-fixture.ts',
    code: `export const load = () => import('@huntkit/api/tools');\n`,
    expected: ['@nx/enforce-module-boundaries:onlyTagsConstraintViolation'],
  },
  'a ui lib imports data access (the session)': {
    filePath: 'libs/web/ui/src/lib/boundary-fixture.ts',
    code: `import { SessionStore } from '@huntkit/web/session';\nexport const used = SessionStore;\n`,
    expected: ['@nx/enforce-module-boundaries:onlyTagsConstraintViolation'],
  },
  'a ui lib imports data access (the API client)': {
    filePath: 'libs/web/ui/src/lib/boundary-fixture.ts',
    code: `import type { MeDto } from '@huntkit/web/api-client';\nexport type Used = MeDto;\n`,
    expected: ['@nx/enforce-module-boundaries:onlyTagsConstraintViolation'],
  },
  "a feature imports another feature's entity by a deep path": {
    filePath: 'libs/api/billing/src/boundary-fixture.ts',
    code: `import { CreditReservation } from '@huntkit/api/credits/src/entities/credit-reservation.entity';\nexport const used = CreditReservation;\n`,
    expected: ['huntkit/entry-point-imports:deepImport'],
  },
  "a feature imports another feature's file by a relative path": {
    filePath: 'libs/api/billing/src/boundary-fixture.ts',
    code: `import { CreditsService } from '../../credits/src/credits.service';\nexport const used = CreditsService;\n`,
    expected: ['@nx/enforce-module-boundaries:noRelativeOrAbsoluteImportsAcrossLibraries'],
  },
  "a feature imports another feature's file by a workspace path": {
    filePath: 'libs/api/billing/src/boundary-fixture.ts',
    code: `import { CreditsService } from 'libs/api/credits/src/credits.service';\nexport const used = CreditsService;\n`,
    expected: ['@nx/enforce-module-boundaries:noRelativeOrAbsoluteImportsAcrossLibraries'],
  },
  "a web feature lazily loads another feature's component by a deep path": {
    filePath: 'libs/web/billing/src/lib/boundary-fixture.ts',
    code: `export const load = () => import('@huntkit/web/account/src/lib/account-page');\n`,
    expected: ['huntkit/entry-point-imports:deepImport'],
  },
  "a feature re-exports another feature's internals": {
    filePath: 'libs/api/admin/src/boundary-fixture.ts',
    code: `export * from '@huntkit/api/users/src/entities/user.entity';\n`,
    expected: ['huntkit/entry-point-imports:deepImport'],
  },
  'data access imports a feature (the schema exception is libs/api/database alone)': {
    filePath: 'libs/web/session/src/lib/boundary-fixture.ts',
    code: `import { legalRoutes } from '@huntkit/web/legal';\nexport const used = legalRoutes;\n`,
    expected: ['@nx/enforce-module-boundaries:onlyTagsConstraintViolation'],
  },
  'a shared lib imports a framework': {
    filePath: 'libs/shared/brand/src/boundary-fixture.ts',
    code: `import { Injectable } from '@nestjs/common';\nexport const used = Injectable;\n`,
    expected: ['@nx/enforce-module-boundaries:bannedExternalImportsViolation'],
  },
  'the web imports an API framework': {
    filePath: 'libs/web/account/src/lib/boundary-fixture.ts',
    code: `import { Entity } from '@mikro-orm/decorators/legacy';\nexport const used = Entity;\n`,
    expected: ['@nx/enforce-module-boundaries:bannedExternalImportsViolation'],
  },
};

const ALLOWED = {
  'a web feature imports ui, data access and shared libs through their entry points': {
    filePath: 'libs/web/account/src/lib/boundary-fixture.ts',
    code: [
      `import { FormAlert } from '@huntkit/web/ui';`,
      `import { SessionStore } from '@huntkit/web/session';`,
      `import { AuthService } from '@huntkit/web/api-client';`,
      `import { SIGN_IN_PROVIDER_NAMES } from '@huntkit/shared/brand';`,
      `export const used = [FormAlert, SessionStore, AuthService, SIGN_IN_PROVIDER_NAMES];`,
    ].join('\n'),
  },
  "an API feature uses another feature's exported service and core's test helpers": {
    filePath: 'libs/api/billing/src/boundary-fixture.ts',
    code: [
      `import { CreditsService } from '@huntkit/api/credits';`,
      `import { prepareTestEnvironment } from '@huntkit/api/core/testing';`,
      `export const used = [CreditsService, prepareTestEnvironment];`,
    ].join('\n'),
  },
  "the schema assembles the features' entities": {
    filePath: 'libs/api/database/src/boundary-fixture.ts',
    code: `import { CREDIT_ENTITIES } from '@huntkit/api/credits';\nexport const used = CREDIT_ENTITIES;\n`,
  },
  'a ui lib imports a shared util and its own files': {
    filePath: 'libs/web/ui/src/lib/boundary-fixture.ts',
    code: `import { SIGN_IN_PROVIDER_NAMES } from '@huntkit/shared/brand';\nimport { FormAlert } from './form-alert';\nexport const used = [SIGN_IN_PROVIDER_NAMES, FormAlert];\n`,
  },
  'the app lazily loads a feature through its entry point': {
    filePath: 'apps/web/src/app/boundary-fixture.ts',
    code: `export const load = () => import('@huntkit/web/account').then((m) => m.accountRoutes);\n`,
  },
};

/** Lints every case in one child process (ESLint's config loader needs Node's own module loader). */
async function lintAll(cases) {
  const child = spawn(process.execPath, [path.join(ROOT, 'tools/lint/lint-sources.mjs')], {
    cwd: ROOT,
    env: { ...process.env, NX_DAEMON: 'false' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(JSON.stringify(cases.map(({ filePath, code }) => ({ filePath, code }))));
  const [exitCode] = await once(child, 'exit');
  const line = stdout.split('\n').find((text) => text.startsWith(RESULTS_MARKER));
  if (exitCode !== 0 || !line) throw new Error(`lint-sources.mjs failed (${exitCode}):\n${stderr}${stdout}`);
  return JSON.parse(line.slice(RESULTS_MARKER.length));
}

const boundaryErrors = (messages) =>
  messages.filter((m) => BOUNDARY_RULES.has(m.ruleId)).map((m) => `${m.ruleId}:${m.messageId}`);

describe('module boundaries (eslint.config.mjs)', () => {
  const forbidden = Object.entries(FORBIDDEN);
  const allowed = Object.entries(ALLOWED);
  let results;

  beforeAll(async () => {
    results = await lintAll([...forbidden, ...allowed].map(([, fixture]) => fixture));
  });

  it.each(forbidden.map(([name], index) => [name, index]))('refuses: %s', (name, index) => {
    const messages = results[index];
    expect({ name, errors: boundaryErrors(messages) }).toEqual({ name, errors: FORBIDDEN[name].expected });
  });

  it.each(allowed.map(([name], index) => [name, forbidden.length + index]))('allows: %s', (name, index) => {
    const messages = results[index];
    expect({ name, errors: boundaryErrors(messages), fatal: messages.filter((m) => !m.ruleId) }).toEqual({
      name,
      errors: [],
      fatal: [],
    });
  });
});

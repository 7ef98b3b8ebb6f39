/**
 * What every answer must satisfy, whatever was sent: no 5xx (but a feature left unconfigured on
 * purpose), errors as problem+json with a stable code, and nothing from the inside in any body.
 */

/** Features this test stack leaves unconfigured answer 503 with these codes, by design. */
const UNCONFIGURED_CODES = new Set(['billing_not_configured', 'provider_not_configured']);

const LEAKS: [string, RegExp][] = [
  ['a stack trace', /\n\s+at [\w$.<>[\] ]+ \(|\bat (?:async )?[\w$.]+ \(\/|Error: .*\n\s+at /],
  ['a file path', /\/work\/|node_modules|\/src\/[\w/-]+\.ts|[\w-]+\.(?:ts|js):\d+:\d+/],
  [
    'SQL',
    /\b(?:select \S+ from|insert into|update \S+ set|delete from)\b|syntax error at or near|violates (?:unique|foreign key|check) constraint|relation "\w+"/i,
  ],
  ['a driver error', /DriverException|QueryFailedError|MikroORM|ECONNREFUSED|Kysely/],
];

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

interface ProblemBody {
  code?: unknown;
  status?: unknown;
}

/** The JSON body, null for another content type, undefined when it claims JSON and is not. */
function parseJson(answer: Answer): ProblemBody | null | undefined {
  if (!answer.contentType.includes('json')) return null;
  try {
    return JSON.parse(answer.text) as ProblemBody;
  } catch {
    return undefined;
  }
}

/** The problems with one answer; empty when it is fine. */
export function answerProblems(answer: Answer, secrets: readonly string[]): string[] {
  const problems: string[] = [];
  const body = parseJson(answer);
  if (body === undefined) problems.push('a JSON content type with a body that is not JSON');
  if (answer.status >= 500 && !(answer.status === 503 && UNCONFIGURED_CODES.has(String(body?.code))))
    problems.push(`answered ${answer.status}`);
  if (answer.status >= 400) {
    if (!answer.contentType.startsWith('application/problem+json'))
      problems.push(`an error as ${answer.contentType || 'no content type'}, not application/problem+json`);
    else if (typeof body?.code !== 'string' || !/^[a-z][a-z0-9_]*$/.test(body.code))
      problems.push('a problem without a stable code');
    else if (body.status !== answer.status)
      problems.push(`a problem whose status says ${String(body.status)}`);
  }
  for (const [what, pattern] of LEAKS) if (pattern.test(answer.text)) problems.push(`${what} in the body`);
  for (const secret of secrets)
    if (secret && answer.text.includes(secret)) problems.push('a secret in the body');
  return problems;
}

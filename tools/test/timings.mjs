// Reads the per-test times the runs left in the report folder (Jest's timing reporter, Playwright's
// JSON reporter), so the summary can say where the time went.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Playwright's JSON report nests suites by file and describe block; each test has one result per try. */
function playwrightTests(report) {
  const found = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        const ms = (test.results ?? []).reduce((sum, result) => sum + (result.duration ?? 0), 0);
        found.push({
          kind: 'browser',
          name: `${spec.file} › ${[...titles, spec.title].join(' › ')} [${test.projectName}]`,
          ms,
        });
      }
    }
    for (const child of suite.suites ?? [])
      walk(child, child.title === child.file ? titles : [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, []);
  return found;
}

/** Every timed test (and Jest test file) of this run: { kind: 'jest' | 'jest-file' | 'browser', name, ms }. */
export function readTimings(reportDir) {
  if (!existsSync(reportDir)) return [];
  const tests = [];
  for (const name of readdirSync(reportDir)) {
    try {
      const report = JSON.parse(readFileSync(join(reportDir, name), 'utf8'));
      if (name.startsWith('jest-'))
        tests.push(
          ...report.tests.map((test) => ({ kind: 'jest', name: `${test.file} › ${test.name}`, ms: test.ms })),
          ...report.files.map((file) => ({ kind: 'jest-file', name: file.file, ms: file.ms })),
        );
      else if (name === 'playwright.json') tests.push(...playwrightTests(report));
    } catch {
      // a report cut short by a stopped run
    }
  }
  return tests;
}

export function formatSeconds(ms) {
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** Lines naming the `count` slowest tests of one kind, or none when that kind did not run. */
export function slowest(tests, kind, count = 10) {
  return tests
    .filter((test) => test.kind === kind)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((test) => `  ${formatSeconds(test.ms).padStart(9)}  ${test.name}`);
}

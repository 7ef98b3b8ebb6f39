// Keeps how long each test took, for the slowest-tests list `npm test` prints at the end. Writes only
// when HUNTKIT_TEST_REPORT_DIR is set (the test runner sets it), one file per Jest run.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '../..');

class TimingReporter {
  onRunComplete(_contexts, results) {
    const dir = process.env.HUNTKIT_TEST_REPORT_DIR;
    if (!dir) return;
    const tests = results.testResults.flatMap((file) =>
      file.testResults.map((test) => ({
        file: relative(ROOT, file.testFilePath),
        name: test.fullName,
        ms: test.duration ?? 0,
      })),
    );
    // Set-up in beforeAll is in no test's duration: the file's whole time shows it.
    const files = results.testResults.map((file) => ({
      file: relative(ROOT, file.testFilePath),
      ms: file.perfStats.end - file.perfStats.start,
    }));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `jest-${process.pid}-${Date.now()}.json`), JSON.stringify({ tests, files }));
  }
}

module.exports = TimingReporter;

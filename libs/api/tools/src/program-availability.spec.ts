import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findOnPath } from './program-availability';

describe('findOnPath', () => {
  it('finds an executable on PATH, and ignores files that cannot run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huntkit-path-'));
    writeFileSync(join(dir, 'fakescan'), '#!/bin/sh\n');
    chmodSync(join(dir, 'fakescan'), 0o755);
    writeFileSync(join(dir, 'notes'), 'not a program');
    chmodSync(join(dir, 'notes'), 0o644);
    const path = ['/nonexistent', dir].join(delimiter);
    expect(findOnPath('fakescan', path)).toBe(join(dir, 'fakescan'));
    expect(findOnPath('notes', path)).toBeNull();
    expect(findOnPath('fakescan', '/nonexistent')).toBeNull();
  });
});

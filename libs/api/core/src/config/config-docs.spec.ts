import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_VARIABLES } from './config.variables';

describe('README configuration table', () => {
  const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');

  it.each(CONFIG_VARIABLES.map((variable) => [variable.name, variable]))(
    'documents %s with its default',
    (name, variable) => {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row).toBeDefined();
      if (variable.defaultValue) expect(row).toContain(`\`${variable.defaultValue}\``);
    },
  );
});

describe('copyright line', () => {
  const root = join(__dirname, '../../../../..');

  it('is the same in the README, the LICENSE and what the API serves', async () => {
    const { COPYRIGHT_LINE } = await import('@huntkit/shared/brand');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(COPYRIGHT_LINE);
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toContain(
      COPYRIGHT_LINE.replace('©', 'Copyright (c)'),
    );
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateToolConfig } from '../runs/config-validation';
import { TOOL_CATEGORIES } from '../tool-categories';
import type { ConfigProperty } from './tool-definition';
import { findTool, TOOL_REGISTRY } from './tool-registry';

/** A default that breaks its own property's rules would make the generated form invalid from the start. */
function defaultProblems(name: string, property: ConfigProperty): string[] {
  const value = property.default;
  if (value === undefined) return [];
  const problems: string[] = [];
  const is = (ok: boolean, what: string) =>
    ok || problems.push(`${name}: default ${JSON.stringify(value)} ${what}`);
  switch (property.type) {
    case 'integer':
      is(Number.isInteger(value), 'is not an integer');
      is(property.minimum === undefined || (value as number) >= property.minimum, 'is under the minimum');
      is(property.maximum === undefined || (value as number) <= property.maximum, 'is over the maximum');
      break;
    case 'string':
      is(typeof value === 'string', 'is not a string');
      is(!property.enum || property.enum.includes(value as string), 'is not one of the choices');
      is(property.maxLength === undefined || (value as string).length <= property.maxLength, 'is too long');
      break;
    case 'boolean':
      is(typeof value === 'boolean', 'is not a boolean');
      break;
    case 'array':
      is(Array.isArray(value), 'is not an array');
      is(
        !property.items?.enum || (value as string[]).every((item) => property.items?.enum?.includes(item)),
        'holds a value that is not a choice',
      );
      is(
        property.maxItems === undefined || (value as unknown[]).length <= property.maxItems,
        'has too many items',
      );
      break;
  }
  return problems;
}

describe('the registered tools', () => {
  it('have unique ids, known categories, sane costs and time limits', () => {
    const ids = TOOL_REGISTRY.map((tool) => tool.id);
    expect(new Set(ids).size).toBe(ids.length);
    const categories = new Set(TOOL_CATEGORIES.map((category) => category.id));
    for (const tool of TOOL_REGISTRY) {
      expect({ id: tool.id, knownCategory: categories.has(tool.category) }).toEqual({
        id: tool.id,
        knownCategory: true,
      });
      expect(tool.cost).toBeGreaterThan(0);
      expect(tool.defaultTimeoutSeconds).toBeLessThanOrEqual(tool.maxTimeoutSeconds);
    }
  });

  it('give every category at least one tool, and include the nmap and ffuf wrappers', () => {
    for (const category of TOOL_CATEGORIES) {
      expect(TOOL_REGISTRY.filter((tool) => tool.category === category.id).length).toBeGreaterThan(0);
    }
    expect(TOOL_REGISTRY.filter((tool) => tool.program).map((tool) => tool.program)).toEqual([
      'nmap',
      'ffuf',
    ]);
  });

  it('describe their forms with required fields that exist and defaults that obey their own rules', () => {
    for (const tool of TOOL_REGISTRY) {
      const schema = tool.configSchema;
      expect(schema.additionalProperties).toBe(false);
      for (const required of schema.required ?? [])
        expect(Object.keys(schema.properties)).toContain(required);
      const problems = Object.entries(schema.properties).flatMap(([name, property]) =>
        defaultProblems(`${tool.id}.${name}`, property),
      );
      expect(problems).toEqual([]);
    }
  });

  it('have a runner each, and no runner of the runners folder is left out of the registry', async () => {
    for (const tool of TOOL_REGISTRY)
      expect({ id: tool.id, run: typeof tool.run }).toEqual({ id: tool.id, run: 'function' });
    const registered = new Set<unknown>(TOOL_REGISTRY.map((tool) => tool.run));
    const runnersDir = join(__dirname, '../runners');
    const modules = readdirSync(runnersDir).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'),
    );
    const unregistered: string[] = [];
    for (const file of modules) {
      const exported = (await import(join(runnersDir, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exported))
        if (name.endsWith('Runner') && typeof value === 'function' && !registered.has(value))
          unregistered.push(`${file}: ${name}`);
    }
    expect(unregistered).toEqual([]);
  });

  it('have schemas that compile and accept a config of only the required fields, defaults filled in', () => {
    const samples: Record<string, string> = {
      'hostname-or-ip': 'example.com',
      url: 'https://example.com/FUZZ',
    };
    for (const tool of TOOL_REGISTRY) {
      const { properties, required = [] } = tool.configSchema;
      const config = Object.fromEntries(
        required
          .filter((name) => properties[name]?.default === undefined)
          .map((name) => [name, samples[properties[name]?.format ?? ''] ?? 'missing sample']),
      );
      expect({ id: tool.id, validation: validateToolConfig(tool.configSchema, config).ok }).toEqual({
        id: tool.id,
        validation: true,
      });
    }
  });

  it('are found by id, and an unknown id finds nothing', () => {
    expect(findTool('nmap')?.program).toBe('nmap');
    expect(findTool('no-such-tool')).toBeUndefined();
  });
});

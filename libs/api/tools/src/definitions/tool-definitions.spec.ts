import { TOOL_CATEGORIES } from '../tool-categories';
import type { ConfigProperty } from './tool-definition';
import { TOOL_DEFINITIONS } from './tool-definitions';

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

describe('tool definitions', () => {
  it('have unique ids, known categories, sane costs and time limits', () => {
    const ids = TOOL_DEFINITIONS.map((tool) => tool.id);
    expect(new Set(ids).size).toBe(ids.length);
    const categories = new Set(TOOL_CATEGORIES.map((category) => category.id));
    for (const tool of TOOL_DEFINITIONS) {
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
      expect(TOOL_DEFINITIONS.filter((tool) => tool.category === category.id).length).toBeGreaterThan(0);
    }
    expect(TOOL_DEFINITIONS.filter((tool) => tool.program).map((tool) => tool.program)).toEqual([
      'nmap',
      'ffuf',
    ]);
  });

  it('describe their forms with required fields that exist and defaults that obey their own rules', () => {
    for (const tool of TOOL_DEFINITIONS) {
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
});

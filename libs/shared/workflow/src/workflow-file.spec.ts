import { parseWorkflowFile, serializeWorkflowFile, WORKFLOW_FILE_FORMAT } from './workflow-file';
import { WORKFLOW_TEMPLATES } from './workflow-templates';

describe('workflow files', () => {
  it.each(['yaml', 'json'] as const)('round-trips every template through %s', (format) => {
    for (const template of WORKFLOW_TEMPLATES) {
      const text = serializeWorkflowFile(
        { name: template.name, description: template.summary, graph: template.graph },
        format,
      );
      expect(text.startsWith(format === 'yaml' ? `format: ${WORKFLOW_FILE_FORMAT}` : '{')).toBe(true);
      const parsed = parseWorkflowFile(text);
      expect(parsed).toEqual({
        ok: true,
        name: template.name,
        description: template.summary,
        graph: { ...template.graph, viewport: undefined },
      });
    }
  });

  it('refuses what is not a workflow file, saying why', () => {
    const code = (text: string) => {
      const parsed = parseWorkflowFile(text);
      return parsed.ok ? 'ok' : parsed.problems[0]?.code;
    };
    expect(code('nodes: [')).toBe('file_unreadable');
    expect(code('- a\n- b')).toBe('file_unreadable');
    expect(code('format: something/else\nname: x')).toBe('file_format');
    expect(code(`format: ${WORKFLOW_FILE_FORMAT}\nname: a\nname: b`)).toBe('file_unreadable');
    expect(code('x'.repeat(300 * 1024))).toBe('file_too_large');
    // A billion-laughs file stops at the alias cap instead of expanding.
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ];
    expect(code(`format: ${WORKFLOW_FILE_FORMAT}\n${laughs.join('\n')}`)).toBe('file_unreadable');
  });
});

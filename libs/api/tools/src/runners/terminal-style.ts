import type { Severity } from './runner';

/** A foreground colour by its SGR code (31 red … 37 white), reset to the default colour after the text. */
const foreground = (code: number) => (text: string) => `\x1b[${code}m${text}\x1b[39m`;

/**
 * ANSI styles for the live terminal, shared by the runners and the run executor. Each one resets only
 * what it set, so styles nest: `ansi.bold(ansi.red(text))`.
 */
export const ansi = {
  bold: (text: string) => `\x1b[1m${text}\x1b[22m`,
  dim: (text: string) => `\x1b[2m${text}\x1b[22m`,
  red: foreground(31),
  green: foreground(32),
  yellow: foreground(33),
  cyan: foreground(36),
  foreground,
};

/** A fixed-width, coloured severity label, so finding lines line up in the terminal. */
export function severityTag(severity: Severity): string {
  const label = `[${severity.toUpperCase()}]`.padEnd(10);
  if (severity === 'info') return ansi.dim(label);
  if (severity === 'low') return ansi.cyan(label);
  if (severity === 'medium') return ansi.yellow(label);
  return ansi.bold(ansi.red(label));
}

/** One finding as the runners print it: the severity label, the title, and dimmed detail if any. */
export function findingLine(severity: Severity, title: string, detail?: string): string {
  return `  ${severityTag(severity)} ${title}${detail ? ` ${ansi.dim(detail)}` : ''}`;
}

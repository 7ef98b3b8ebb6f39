// Turns the processes' JSON log lines into one short readable line each for the terminal.
const LEVEL_COLORS = { fatal: 35, error: 31, warn: 33, info: 32, debug: 36, trace: 90 };

export function formatLogLine(service, line) {
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return `${service.padEnd(6)} ${line}`;
  }
  const time = (entry.time ?? '').slice(11, 19);
  const color = LEVEL_COLORS[entry.level] ?? 0;
  const level = `\x1b[${color}m${String(entry.level ?? '').padEnd(5)}\x1b[0m`;
  let message = entry.msg ?? '';
  if (message === 'request completed') {
    message = `${entry.method} ${entry.route ?? entry.path} → ${entry.status} in ${entry.latencyMs} ms`;
  } else if (entry.context) {
    message = `[${entry.context}] ${message}`;
  }
  const error = entry.err?.message ? ` (${entry.err.message})` : '';
  return `\x1b[90m${time}\x1b[0m ${service.padEnd(6)} ${level} ${message}${error}`;
}

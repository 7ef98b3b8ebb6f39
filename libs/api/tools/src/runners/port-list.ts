/** Parses `22,80,443,8000-8100` (or `1-65535`) into sorted, unique port numbers. */
export function parsePortList(spec: string): number[] | { error: string } {
  const ports = new Set<number>();
  for (const part of spec
    .split(',')
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!match) return { error: `"${part}" is not a port or a range such as 8000-8100.` };
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (from < 1 || to > 65535 || from > to)
      return { error: `"${part}" is outside 1-65535 or runs backwards.` };
    for (let port = from; port <= to; port++) ports.add(port);
  }
  if (ports.size === 0) return { error: 'List at least one port.' };
  return [...ports].sort((a, b) => a - b);
}

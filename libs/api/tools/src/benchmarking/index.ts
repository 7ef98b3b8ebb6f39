// The second entry point, for apps/bench only: the engines it times against nmap and ffuf (with the
// parsers of those programs' output and the wordlist both are given), and the live terminals' stream
// hub next to the design it replaced. Features and apps use '@huntkit/api/tools'.
export { parseFfufJson } from '../runners/ffuf';
export { parseNmapXml } from '../runners/nmap';
export { discoverPaths } from '../runners/path-discovery';
export { scanPorts } from '../runners/port-scan';
export { runStreamKey } from '../runs/run-events';
export { READER_NAME, RunStreamHub, type StreamEntry } from '../runs/run-stream-hub';
export { PATH_WORDLISTS } from '../wordlists/paths';

import { readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { PATH_WORDLISTS, type PathWordlistName } from '../wordlists/paths';
import { parseNumberList } from './path-discovery';
import { pathResult } from './path-results';
import { commandLine, runProgram } from './program';
import type { PinnedTarget, RunResult, ToolRunner } from './runner';
import { ansi } from './terminal-style';

export interface FfufConfig {
  /** Holds FUZZ where the words go, such as https://example.com/FUZZ. */
  url: string;
  wordlist: PathWordlistName;
  filterStatus: string;
  /** Most requests per second. */
  rate: number;
}

export interface FfufHit {
  input: string;
  url: string;
  status: number;
  /** ffuf's "length": the body's length (ffuf 1.1.0 counts UTF-8 characters, not bytes). */
  length: number;
  words: number;
  lines: number;
  redirectLocation: string | null;
}

export interface FfufReport {
  commandline: string | null;
  hits: FfufHit[];
}

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** Reads ffuf's `-of json` report: `results[]` with input.FUZZ, status, length, words, lines, redirectlocation. */
export function parseFfufJson(json: string): FfufReport {
  const report = JSON.parse(json) as { commandline?: unknown; results?: unknown };
  const results = Array.isArray(report.results) ? (report.results as Record<string, unknown>[]) : [];
  return {
    commandline: typeof report.commandline === 'string' ? report.commandline : null,
    hits: results
      .filter((result) => result && typeof result === 'object')
      .map((result) => {
        const input = (result['input'] ?? {}) as Record<string, unknown>;
        return {
          input: typeof input['FUZZ'] === 'string' ? input['FUZZ'] : '',
          url: typeof result['url'] === 'string' ? result['url'] : '',
          status: num(result['status']),
          length: num(result['length']),
          words: num(result['words']),
          lines: num(result['lines']),
          redirectLocation:
            typeof result['redirectlocation'] === 'string' && result['redirectlocation'] !== ''
              ? result['redirectlocation']
              : null,
        };
      }),
  };
}

/**
 * The URL ffuf requests: the user's URL with its host swapped for the checked address, so ffuf (which
 * would resolve the name itself) connects where the target policy allowed. The Host header keeps the
 * site's name. Limit: ffuf 1.1.0 cannot set SNI, so HTTPS sends the address as the TLS server name.
 */
export function pinFfufUrl(url: string, target: PinnedTarget): { url: string; host: string } {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error('ffuf fuzzes http(s) URLs only.');
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  if (parsed.username || parsed.password || hostname.toLowerCase() !== target.host.toLowerCase())
    throw new Error('FUZZ goes in the path or the query; the host is the checked target.');
  if (!`${parsed.pathname}${parsed.search}`.includes('FUZZ'))
    throw new Error('Put FUZZ in the path or the query.');
  const host = parsed.host;
  parsed.hash = '';
  parsed.hostname = isIP(target.address) === 6 ? `[${target.address}]` : target.address;
  return { url: parsed.href, host };
}

/** ffuf 1.1.0 has no rate flag: each of t threads waits t/rate seconds after a request, so at most `rate` per second. */
export function ffufPacing(rate: number): { threads: number; delaySeconds: string } {
  const perSecond = Math.max(1, Math.floor(rate));
  const threads = Math.min(40, perSecond);
  return { threads, delaySeconds: (threads / perSecond).toFixed(3) };
}

/** ffuf's arguments, each rebuilt from a validated value. */
export function ffufArgs(
  config: FfufConfig,
  target: PinnedTarget,
  files: { wordlist: string; output: string },
): string[] {
  const pinned = pinFfufUrl(config.url, target);
  const filter = parseNumberList(config.filterStatus, { min: 100, max: 599 });
  if (!Array.isArray(filter)) throw new Error(`Filter status codes: ${filter.error}`);
  const codes = filter.map(([from, to]) => (from === to ? String(from) : `${from}-${to}`)).join(',');
  const { threads, delaySeconds } = ffufPacing(config.rate);
  return [
    '-u',
    pinned.url,
    '-H',
    `Host: ${pinned.host}`,
    '-w',
    files.wordlist,
    // Every status is matched and only the user's filter hides some, as path discovery does.
    '-mc',
    'all',
    ...(codes ? ['-fc', codes] : []),
    '-t',
    String(threads),
    '-p',
    delaySeconds,
    '-timeout',
    '10',
    '-of',
    'json',
    '-o',
    files.output,
    '-c',
  ];
}

/** The hit's address on the real host (ffuf reports the pinned one), for keys that match path discovery. */
function siteUrl(template: string, input: string): URL {
  return new URL(template.replaceAll('FUZZ', input));
}

export function ffufResults(report: FfufReport, template: string): RunResult[] {
  return report.hits.map((hit) => {
    const url = siteUrl(template, hit.input);
    return pathResult({
      path: `${url.pathname}${url.search}`,
      url: url.href,
      status: hit.status,
      size: hit.length,
      words: hit.words,
      lines: hit.lines,
      location: hit.redirectLocation,
    });
  });
}

const ESC = String.fromCharCode(27);
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const HIT_LINE = /^(\S.*?)\s+\[Status: (\d+), Size: (\d+), Words: (\d+), Lines: (\d+)\]$/;
const PROGRESS_EVERY_MS = 5000;

/** A hit as ffuf prints it (`admin   [Status: 301, Size: 0, Words: 1, Lines: 1]`), colours or not. */
export function parseFfufLine(line: string): FfufHit | null {
  const match = HIT_LINE.exec(line.replace(SGR, ''));
  if (!match) return null;
  const [, input, status, length, words, lines] = match.map(String);
  return {
    input,
    url: '',
    status: +status,
    length: +length,
    words: +words,
    lines: +lines,
    redirectLocation: null,
  };
}

export const ffufRunner: ToolRunner<FfufConfig> = async ({ config, target, signal, print, workDir }) => {
  if (!target) throw new Error('ffuf needs the checked address of the URL host.');
  const words = PATH_WORDLISTS[config.wordlist];
  if (!words) throw new Error(`Unknown wordlist "${config.wordlist}".`);
  const files = { wordlist: join(workDir, 'wordlist.txt'), output: join(workDir, 'ffuf.json') };
  const args = ffufArgs(config, target, files);
  await writeFile(files.wordlist, `${words.join('\n')}\n`);
  print(ansi.dim(`$ ${commandLine('ffuf', args)}`));
  // ffuf redraws its progress line many times a second; the terminal gets one every few seconds.
  let lastProgress = 0;
  let heldProgress: string | null = null;
  const printed: FfufHit[] = [];
  const exit = await runProgram('ffuf', args, {
    cwd: workDir,
    signal,
    // On SIGTERM ffuf lets its threads sit out their delay, then writes the report: give it the time.
    killGraceMs: 5000,
    print: (line) => {
      const plain = line.replace(SGR, '');
      if (plain.startsWith(':: Progress:')) {
        heldProgress = line;
        if (Date.now() - lastProgress < PROGRESS_EVERY_MS) return;
        lastProgress = Date.now();
        heldProgress = null;
      }
      const hit = parseFfufLine(plain);
      if (hit) printed.push(hit);
      print(line);
    },
  });
  if (heldProgress) print(heldProgress);
  const json = await readFile(files.output, 'utf8').catch(() => '');
  if (!exit.aborted && exit.exitCode !== 0)
    throw new Error(`ffuf failed (${exit.exitCode ?? exit.signal}); its output is above.`);
  // ffuf writes its report on SIGTERM too; only a killed ffuf leaves the printed hits as the record.
  const report = json ? parseFfufJson(json) : { commandline: null, hits: printed };
  const results = ffufResults(report, config.url);
  print(`${exit.aborted ? ansi.yellow('Stopped') : ansi.green('Done')}: ${results.length} path(s) kept.`);
  return results;
};

import { randomBytes } from 'node:crypto';
import { PATH_WORDLISTS, type PathWordlistName } from '../wordlists/paths';
import type { PinnedResponse } from './pinned-http';
import { pinnedPool } from './pinned-pool';
import { pathDiscoveryResults } from './path-results';
import type { ToolRunner } from './runner';
import { ansi } from './terminal-style';

/** Inclusive ranges such as `[[404, 404], [500, 599]]`, read from `404,500-599`. */
export type NumberList = [number, number][];

/**
 * Reads a comma list of numbers and ranges (`404,500-599`, `0,1234`). An empty list is valid (filters
 * nothing). Exported so the API can answer a bad list with a 422 field error before a run is queued.
 */
export function parseNumberList(
  spec: string,
  limits: { min?: number; max?: number } = {},
): NumberList | { error: string } {
  const min = limits.min ?? 0;
  const max = limits.max ?? Number.MAX_SAFE_INTEGER;
  const ranges: [number, number][] = [];
  for (const part of spec
    .split(',')
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,15})(?:\s*-\s*(\d{1,15}))?$/.exec(part);
    if (!match) return { error: `"${part}" is not a number or a range such as 500-599.` };
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (from < min || to > max || from > to)
      return { error: `"${part}" is outside ${min}-${max} or runs backwards.` };
    ranges.push([from, to]);
  }
  return ranges;
}

export const inNumberList = (list: readonly (readonly [number, number])[], value: number): boolean =>
  list.some(([from, to]) => value >= from && value <= to);

/** `php`, `.php` → `.php`; anything that could change the URL's structure is refused. */
export function normalizeExtensions(extensions: readonly string[]): string[] | { error: string } {
  const normalized: string[] = [];
  for (const raw of extensions) {
    const extension = raw.trim().replace(/^\./, '');
    if (!/^[A-Za-z0-9][A-Za-z0-9._~-]{0,9}$/.test(extension))
      return { error: `"${raw}" is not an extension such as php or .bak.` };
    if (!normalized.includes(`.${extension}`)) normalized.push(`.${extension}`);
  }
  return normalized;
}

export interface PathHit {
  /** The word (with its extension) as it was appended, like ffuf's FUZZ input. */
  word: string;
  path: string;
  url: string;
  status: number;
  /** Body bytes. */
  size: number;
  /** Counted like ffuf: spaces + 1 and newlines + 1, so the two tools' filters mean the same. */
  words: number;
  lines: number;
  location: string | null;
  contentType: string | null;
  /** The body's first bytes (latin1), to confirm sensitive files; never stored in results. */
  sample: string;
}

export interface PathProgress {
  done: number;
  total: number;
  errors: number;
  elapsedMs: number;
  perSecond: number;
}

export interface PathDiscoveryOptions {
  url: string;
  /** The checked address every connection goes to. */
  address: string;
  words: readonly string[];
  extensions?: readonly string[];
  hideStatus?: readonly (readonly [number, number])[];
  hideSizes?: readonly (readonly [number, number])[];
  concurrency: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Ask for a path that cannot exist first, to tell the user when the site answers everything. */
  calibrate?: boolean;
  /** Told before the scan starts, so the user can add the size filter without waiting for the end. */
  onCatchAll?: (answer: { status: number; size: number }) => void;
  onHit?: (hit: PathHit) => void;
  onProgress?: (progress: PathProgress) => void;
  progressEveryMs?: number;
}

export interface PathDiscoveryResult {
  hits: PathHit[];
  total: number;
  requests: number;
  errors: number;
  durationMs: number;
  aborted: boolean;
  /** What a surely-missing path answered, when that answer would not have been hidden. */
  catchAll: { status: number; size: number } | null;
}

interface Candidate {
  word: string;
  url: string;
  /** The URL's path, as requested and as shown. */
  path: string;
}

/** The folder the words go under: the URL's path with a trailing slash, without query or fragment. */
function baseOf(url: string): URL {
  const base = new URL(url);
  base.search = '';
  base.hash = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return base;
}

/** Base URL + each word, then word + each extension (ffuf's -e order), without duplicates. */
export function buildCandidates(url: string, words: readonly string[], extensions: readonly string[] = []) {
  const base = baseOf(url);
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  for (const word of words) {
    for (const suffix of ['', ...extensions]) {
      const full = `${word.replace(/^\/+/, '')}${suffix}`;
      // `?` and `#` in a word are part of the path guess, not a query or a fragment.
      const url = new URL(base.href + full.replace(/[?#]/g, encodeURIComponent));
      if (full && !seen.has(url.href)) {
        seen.add(url.href);
        candidates.push({ word: full, url: url.href, path: url.pathname });
      }
    }
  }
  return candidates;
}

function countByte(body: Buffer, byte: number): number {
  let count = 0;
  for (let at = body.indexOf(byte); at !== -1; at = body.indexOf(byte, at + 1)) count++;
  return count;
}

/** Body bytes; past the read cap the server's declared length is the only measure left. */
function bodySize(response: PinnedResponse): number {
  const declared = Number(response.headers['content-length']);
  return response.bodyTruncated && declared > response.body.length ? declared : response.body.length;
}

function toHit(candidate: Candidate, response: PinnedResponse): PathHit {
  return {
    word: candidate.word,
    path: candidate.path,
    url: candidate.url,
    status: response.status,
    size: bodySize(response),
    words: countByte(response.body, 0x20) + 1,
    lines: countByte(response.body, 0x0a) + 1,
    location: response.headers['location'] ?? null,
    contentType: response.headers['content-type'] ?? null,
    sample: response.body.subarray(0, 1024).toString('latin1'),
  };
}

const isReset = (error: unknown) =>
  ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes((error as NodeJS.ErrnoException).code ?? '');

/**
 * The discovery engine: a keep-alive pool of one connection per request in flight to the pinned
 * address, a fixed number of requests in flight, stops on abort.
 */
export async function discoverPaths(options: PathDiscoveryOptions): Promise<PathDiscoveryResult> {
  const candidates = buildCandidates(options.url, options.words, options.extensions);
  const pool = pinnedPool(options.url, options.address, {
    connections: Math.max(1, options.concurrency),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBodyBytes: 1_048_576,
  });
  const hideStatus = options.hideStatus ?? [];
  const hideSizes = options.hideSizes ?? [];
  const hidden = (status: number, size: number) =>
    inNumberList(hideStatus, status) || inNumberList(hideSizes, size);
  const started = Date.now();
  const result: PathDiscoveryResult = {
    hits: [],
    total: candidates.length,
    requests: 0,
    errors: 0,
    durationMs: 0,
    aborted: false,
    catchAll: null,
  };
  const request = async ({ path, url }: Pick<Candidate, 'path' | 'url'>): Promise<PinnedResponse> => {
    const send = () => pool.get(path, url, options.signal);
    // A server may close an idle keep-alive socket just as we reuse it; a GET is safe to send again.
    return send().catch((error: unknown) =>
      isReset(error) && !options.signal?.aborted ? send() : Promise.reject(error),
    );
  };
  const progress = (): PathProgress => {
    const elapsedMs = Date.now() - started;
    return {
      done: result.requests + result.errors,
      total: result.total,
      errors: result.errors,
      elapsedMs,
      perSecond: Math.round(((result.requests + result.errors) * 1000) / Math.max(elapsedMs, 1)),
    };
  };
  const timer = options.onProgress
    ? setInterval(() => options.onProgress?.(progress()), options.progressEveryMs ?? 2000)
    : null;
  timer?.unref();
  try {
    if (options.calibrate && !options.signal?.aborted) {
      const probe = new URL(`${baseOf(options.url).href}huntkit-${randomBytes(8).toString('hex')}`);
      const answer = await request({ path: probe.pathname, url: probe.href }).catch(() => null);
      if (answer && !hidden(answer.status, bodySize(answer))) {
        result.catchAll = { status: answer.status, size: bodySize(answer) };
        options.onCatchAll?.(result.catchAll);
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < candidates.length && !options.signal?.aborted) {
        const candidate = candidates[next++] as Candidate;
        try {
          const response = await request(candidate);
          result.requests++;
          if (hidden(response.status, bodySize(response))) continue;
          const hit = toHit(candidate, response);
          result.hits.push(hit);
          options.onHit?.(hit);
        } catch {
          // Cancelled requests are not errors of the target.
          if (!options.signal?.aborted) result.errors++;
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(options.concurrency, candidates.length)) }, worker),
    );
  } finally {
    if (timer) clearInterval(timer);
    await pool.close();
  }
  result.aborted = Boolean(options.signal?.aborted);
  result.durationMs = Date.now() - started;
  options.onProgress?.(progress());
  result.hits.sort((a, b) => a.path.localeCompare(b.path));
  return result;
}

const STATUS_COLOUR = (status: number) =>
  status >= 500 ? 31 : status >= 400 ? 33 : status >= 300 ? 36 : status >= 200 ? 32 : 37;

/** A hit as ffuf prints it, with the status coloured by class and the redirect target after an arrow. */
export function formatHit(hit: Pick<PathHit, 'word' | 'status' | 'size' | 'words' | 'lines' | 'location'>) {
  const status = ansi.foreground(STATUS_COLOUR(hit.status))(String(hit.status));
  const redirect = hit.location ? ` ${ansi.dim('→')} ${hit.location}` : '';
  return `${hit.word.padEnd(23)} [Status: ${status}, Size: ${hit.size}, Words: ${hit.words}, Lines: ${hit.lines}]${redirect}`;
}

export function formatProgress(progress: PathProgress): string {
  const seconds = Math.floor(progress.elapsedMs / 1000);
  const clock = `${Math.floor(seconds / 3600)}:${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return ansi.dim(
    `:: Progress: [${progress.done}/${progress.total}] :: ${progress.perSecond} req/sec :: Duration: [${clock}] :: Errors: ${progress.errors} ::`,
  );
}

export interface PathDiscoveryConfig {
  url: string;
  wordlist: PathWordlistName;
  extensions: string[];
  hideStatus: string;
  hideSizes?: string;
  concurrency: number;
}

function valid<T>(value: T | { error: string }, field: string): T {
  if (value && typeof value === 'object' && 'error' in value) throw new Error(`${field}: ${value.error}`);
  return value as T;
}

export const pathDiscoveryRunner: ToolRunner<PathDiscoveryConfig> = async (context) => {
  const { config, target, print } = context;
  if (!target) throw new Error('Path discovery needs the checked address of the URL host.');
  const words = PATH_WORDLISTS[config.wordlist];
  if (!words) throw new Error(`Unknown wordlist "${config.wordlist}".`);
  const hideStatus = valid(parseNumberList(config.hideStatus, { min: 100, max: 599 }), 'Hide status codes');
  const hideSizes = valid(parseNumberList(config.hideSizes ?? ''), 'Hide sizes');
  const extensions = valid(normalizeExtensions(config.extensions), 'Extensions');
  print(`${ansi.bold(':: URL        :')} ${config.url} ${ansi.dim(`(${target.address})`)}`);
  print(
    `${ansi.bold(':: Wordlist   :')} ${config.wordlist} (${words.length} words)${extensions.length ? ` + ${extensions.join(' ')}` : ''}`,
  );
  print(
    `${ansi.bold(':: Filter     :')} status ${config.hideStatus || '-'} · size ${config.hideSizes || '-'}`,
  );
  print(`${ansi.bold(':: Threads    :')} ${config.concurrency}`);
  const result = await discoverPaths({
    url: config.url,
    address: target.address,
    words,
    extensions,
    hideStatus,
    hideSizes,
    concurrency: config.concurrency,
    signal: context.signal,
    calibrate: true,
    onHit: (hit) => print(formatHit(hit)),
    onProgress: (progress) => print(formatProgress(progress)),
    onCatchAll: ({ status, size }) =>
      print(
        ansi.yellow(
          `:: Warning: a path that cannot exist answers ${status} with ${size} bytes; hide size ${size} to keep only real hits.`,
        ),
      ),
  });
  print(
    `${result.aborted ? ansi.yellow('Stopped') : ansi.green('Done')}: ${result.hits.length} shown of ${result.requests} requests, ${result.errors} errors.`,
  );
  return pathDiscoveryResults(result.hits);
};

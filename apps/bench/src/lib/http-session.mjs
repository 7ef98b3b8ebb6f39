/**
 * A signed-in browser tab, for scripts driving the built API over HTTP: cookies kept between calls,
 * the XSRF token sent back on writes, every call bounded in time, and a live-terminal follower that
 * reconnects with Last-Event-ID the way EventSource does.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** Longer than any answer the API should take even with a dependency down: past it, a call "hung". */
export const CALL_TIMEOUT_MS = 15_000;

export class HttpSession {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.cookies = new Map();
  }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(headers) {
    for (const cookie of headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  /** One call: { status, ms, contentType, body }; a network failure or a timeout is status 0. */
  async call(path, { method = 'GET', json, headers = {}, timeoutMs = CALL_TIMEOUT_MS } = {}) {
    const started = performance.now();
    const sent = { ...headers, cookie: this.cookieHeader() };
    if (json !== undefined) sent['content-type'] = 'application/json';
    if (method !== 'GET' && this.cookies.has('XSRF-TOKEN'))
      sent['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN');
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: sent,
        body: json === undefined ? undefined : JSON.stringify(json),
        signal: AbortSignal.timeout(timeoutMs),
      });
      this.store(response.headers);
      const contentType = response.headers.get('content-type') ?? '';
      const text = await response.text();
      const body = /json/.test(contentType) && text ? JSON.parse(text) : text;
      return { status: response.status, ms: performance.now() - started, contentType, body };
    } catch (error) {
      return {
        status: 0,
        ms: performance.now() - started,
        contentType: '',
        body: String(error?.cause ?? error),
      };
    }
  }

  async signIn(email, password) {
    const answer = await this.call('/api/auth/login', { method: 'POST', json: { email, password } });
    if (answer.status !== 200)
      throw new Error(`sign-in as ${email} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
}

/** Parses SSE frames out of a growing text buffer; answers the events and what is left over. */
function parseFrames(buffer) {
  const events = [];
  let end;
  while ((end = buffer.indexOf('\n\n')) >= 0) {
    const frame = buffer.slice(0, end);
    buffer = buffer.slice(end + 2);
    const event = { id: '', event: 'message', data: '' };
    let hasData = false;
    for (const line of frame.split('\n')) {
      if (line.startsWith(':')) continue;
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'id') event.id = value;
      else if (field === 'event') event.event = value;
      else if (field === 'data') {
        event.data = hasData ? `${event.data}\n${value}` : value;
        hasData = true;
      }
    }
    if (hasData) events.push(event);
  }
  return { events, rest: buffer };
}

const FINAL = ['succeeded', 'failed', 'cancelled', 'timed_out'];
export const isFinalStatus = (event) =>
  event.event === 'status' && FINAL.includes(JSON.parse(event.data).status);

/**
 * Follows a run's live terminal as EventSource would: on any end before the final status it
 * reconnects (after `retryMs`) with the last id it saw. `drop()` cuts the current connection, as a
 * network blip would. Every attempt is recorded with its status and how long the answer took.
 */
export function followRun(session, runId, { retryMs = 200 } = {}) {
  const follower = {
    events: [],
    attempts: [],
    finished: false,
    lastEventId: '',
    controller: null,
    drop() {
      follower.controller?.abort();
    },
    stop() {
      follower.stopped = true;
      follower.controller?.abort();
    },
  };
  follower.done = (async () => {
    while (!follower.finished && !follower.stopped) {
      const controller = new AbortController();
      follower.controller = controller;
      const started = performance.now();
      const headers = { cookie: session.cookieHeader(), accept: 'text/event-stream' };
      if (follower.lastEventId) headers['last-event-id'] = follower.lastEventId;
      const attempt = { lastEventId: follower.lastEventId, status: 0, ms: 0, contentType: '', events: 0 };
      follower.attempts.push(attempt);
      // The answer's headers must come within the call bound; the stream itself may then last.
      const headerTimer = setTimeout(() => controller.abort(), CALL_TIMEOUT_MS);
      try {
        const response = await fetch(`${session.baseUrl}/api/runs/${runId}/stream`, {
          headers,
          signal: controller.signal,
        });
        clearTimeout(headerTimer);
        attempt.status = response.status;
        attempt.ms = performance.now() - started;
        attempt.contentType = response.headers.get('content-type') ?? '';
        if (response.ok && response.body) {
          const decoder = new TextDecoder();
          let buffer = '';
          for await (const chunk of response.body) {
            const parsed = parseFrames(buffer + decoder.decode(chunk, { stream: true }));
            buffer = parsed.rest;
            for (const event of parsed.events) {
              follower.events.push(event);
              attempt.events += 1;
              if (event.id) follower.lastEventId = event.id;
              if (isFinalStatus(event)) follower.finished = true;
            }
            if (follower.finished) break;
          }
        } else await response.text().catch(() => undefined);
      } catch {
        // Dropped, refused or cut: like EventSource, try again.
        if (!attempt.ms) attempt.ms = performance.now() - started;
      } finally {
        clearTimeout(headerTimer);
      }
      if (!follower.finished && !follower.stopped) await sleep(retryMs);
    }
  })();
  return follower;
}

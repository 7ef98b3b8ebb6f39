import { STATE_WAIT_MS } from '@huntkit/api/core/testing';

/** One Server-Sent Event as the browser's EventSource would hand it over. */
export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

/**
 * Reads an event stream until the server ends it (or `stopWhen` says enough), parsing frames the way
 * EventSource does. Comments (keep-alives) are skipped.
 */
export async function readEvents(
  url: string,
  headers: Record<string, string>,
  stopWhen: (event: SseEvent, all: SseEvent[]) => boolean = () => false,
  timeoutMs = STATE_WAIT_MS,
): Promise<{ status: number; contentType: string; headers: Headers; events: SseEvent[] }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  if (!response.body || !response.ok) {
    clearTimeout(timer);
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      headers: response.headers,
      events,
    };
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = { id: '', event: 'message', data: '' };
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
        if (!hasData) continue;
        events.push(event);
        if (stopWhen(event, events)) {
          controller.abort();
          return {
            status: response.status,
            contentType: response.headers.get('content-type') ?? '',
            headers: response.headers,
            events,
          };
        }
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    events,
  };
}

export const isFinalStatus = (event: SseEvent) =>
  event.event === 'status' &&
  ['succeeded', 'failed', 'cancelled', 'timed_out'].includes(JSON.parse(event.data).status);

import type { RunEventType, RunStatusEvent } from '../api/run-models';
import { isFinal } from '../shared/run-format';

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'ended' | 'failed';

export interface RunStreamHandlers {
  line(text: string): void;
  status(event: RunStatusEvent): void;
  state(state: StreamState): void;
}

type EventSourceFactory = (url: string) => EventSource;

/** The SSE event names the API sends (`event: line`, `event: status`). */
const LINE: RunEventType = 'line';
const STATUS: RunEventType = 'status';

/**
 * Follows a run's Server-Sent Events. The browser reconnects by itself after a dropped connection
 * (sending Last-Event-ID); it gives up only when the server refuses (a lapsed session, a missing run),
 * and then `reopen()` starts again after the last event received, so no line shows twice.
 */
export class RunStream {
  private source: EventSource | null = null;
  private lastEventId = '';
  private done = false;

  constructor(
    private readonly url: string,
    private readonly handlers: RunStreamHandlers,
    private readonly create: EventSourceFactory = (url) => new EventSource(url),
  ) {}

  open(): void {
    this.close();
    this.done = false;
    const url = this.lastEventId
      ? `${this.url}?lastEventId=${encodeURIComponent(this.lastEventId)}`
      : this.url;
    const source = this.create(url);
    this.source = source;
    this.handlers.state('connecting');
    source.onopen = () => this.handlers.state('open');
    source.addEventListener(LINE, (event) => {
      const message = event as MessageEvent<string>;
      this.lastEventId = message.lastEventId || this.lastEventId;
      this.handlers.line(message.data);
    });
    source.addEventListener(STATUS, (event) => {
      const message = event as MessageEvent<string>;
      this.lastEventId = message.lastEventId || this.lastEventId;
      let status: RunStatusEvent;
      try {
        status = JSON.parse(message.data) as RunStatusEvent;
      } catch {
        return; // a malformed status changes nothing; the next one will tell
      }
      // Closed first: the server ends the stream after a final status, and an open EventSource
      // would take that for a dropped connection and reconnect.
      if (isFinal(status.status)) this.finish();
      this.handlers.status(status);
    });
    source.onerror = () => {
      if (this.done || this.source !== source) return;
      if (source.readyState === 2 /* CLOSED */) {
        this.source = null;
        this.handlers.state('failed');
      } else {
        this.handlers.state('reconnecting');
      }
    };
  }

  /** Starts again after a failure, from the last event received. */
  reopen(): void {
    if (!this.done) this.open();
  }

  close(): void {
    this.source?.close();
    this.source = null;
  }

  private finish(): void {
    this.done = true;
    this.close();
    this.handlers.state('ended');
  }
}

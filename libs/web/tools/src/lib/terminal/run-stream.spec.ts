import type { RunStatusEvent } from '../api/run-models';
import { FakeEventSource } from './fake-event-source';
import { RunStream, type StreamState } from './run-stream';

describe('RunStream', () => {
  let lines: string[];
  let statuses: RunStatusEvent[];
  let states: StreamState[];
  let stream: RunStream;

  beforeEach(() => {
    FakeEventSource.instances.length = 0;
    lines = [];
    statuses = [];
    states = [];
    stream = new RunStream(
      '/api/runs/r1/stream',
      {
        line: (text) => lines.push(text),
        status: (event) => statuses.push(event),
        state: (state) => states.push(state),
      },
      FakeEventSource.create,
    );
    stream.open();
  });

  it('passes lines and statuses on and closes itself on a final status', () => {
    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/runs/r1/stream');
    source.open();
    source.emit('status', JSON.stringify({ status: 'running', at: '2026-01-01T00:00:00Z' }), '1-0');
    source.emit('line', '\x1b[32mopen\x1b[0m 22/tcp', '2-0');
    source.emit('status', 'not json', '3-0');
    expect(source.closed).toBe(false);
    source.emit('status', JSON.stringify({ status: 'succeeded', at: '2026-01-01T00:00:05Z' }), '4-0');
    expect(lines).toEqual(['\x1b[32mopen\x1b[0m 22/tcp']);
    expect(statuses.map((event) => event.status)).toEqual(['running', 'succeeded']);
    expect(source.closed).toBe(true);
    expect(states).toEqual(['connecting', 'open', 'ended']);
    // The server closing the ended stream is not a failure.
    source.fail(2);
    expect(states.at(-1)).toBe('ended');
  });

  it('says when the browser is reconnecting and, once refused, resumes after the last event', () => {
    const first = FakeEventSource.latest();
    first.emit('line', 'one', '7-0');
    first.fail(0);
    expect(states.at(-1)).toBe('reconnecting');
    first.fail(2);
    expect(states.at(-1)).toBe('failed');
    stream.reopen();
    const second = FakeEventSource.latest();
    expect(second).not.toBe(first);
    expect(second.url).toBe('/api/runs/r1/stream?lastEventId=7-0');
    stream.close();
    expect(second.closed).toBe(true);
  });
});

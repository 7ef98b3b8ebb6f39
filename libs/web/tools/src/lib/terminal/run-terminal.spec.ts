import { Component, signal } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { SessionRefresher } from '@huntkit/web/session';
import { of } from 'rxjs';
import type { RunStatus, RunStatusEvent } from '../api/run-models';
import { FakeEventSource } from './fake-event-source';
import { RUN_EVENT_SOURCE, RunTerminal } from './run-terminal';

const written: string[] = [];
jest.mock('@xterm/xterm', () => ({
  Terminal: class {
    buffer = { active: { length: 0, getLine: () => undefined } };
    open = jest.fn();
    loadAddon = jest.fn();
    dispose = jest.fn();
    reset = jest.fn();
    hasSelection = () => true;
    getSelection = () => 'selected text';
    write = (text: string) => written.push(text);
  },
}));
jest.mock('@xterm/addon-fit', () => ({
  FitAddon: class {
    fit = jest.fn();
  },
}));

@Component({
  imports: [RunTerminal],
  template: `<hk-run-terminal
    runId="r1"
    [status]="status()"
    [startedAt]="startedAt()"
    (statusChange)="events.push($event)"
  />`,
})
class Host {
  readonly status = signal<RunStatus>('queued');
  readonly startedAt = signal<string | null>(null);
  readonly events: RunStatusEvent[] = [];
}

const frame = () => new Promise((resolve) => setTimeout(resolve, 40));

describe('RunTerminal', () => {
  let fixture: ComponentFixture<Host>;
  let element: HTMLElement;
  const refresh = jest.fn(() => of(true));

  beforeEach(async () => {
    written.length = 0;
    FakeEventSource.instances.length = 0;
    refresh.mockClear();
    TestBed.configureTestingModule({
      providers: [
        { provide: RUN_EVENT_SOURCE, useValue: FakeEventSource.create },
        { provide: SessionRefresher, useValue: { refresh } },
      ],
    });
    fixture = TestBed.createComponent(Host);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
    await frame();
  });

  it('streams lines into xterm in batches, follows the status and stops at the end', async () => {
    const source = FakeEventSource.latest();
    expect(source.url).toBe('/api/runs/r1/stream');
    source.open();
    const start = new Date(Date.now() - 65_000).toISOString();
    source.emit('status', JSON.stringify({ status: 'running', at: start }), '1-0');
    for (let index = 0; index < 1000; index++) source.emit('line', `line ${index}`, `${index + 2}-0`);
    await frame();
    await fixture.whenStable();
    const batches = written.filter((text) => text.startsWith('line'));
    expect(batches.length).toBeLessThanOrEqual(2);
    expect(batches.join('').split('\n').filter(Boolean)).toHaveLength(1000);
    expect(element.querySelector('hk-status-chip')?.textContent).toContain('Running');
    expect(element.textContent).toContain('1000 lines');
    expect(element.textContent).toMatch(/1m 0[5-9]s/);

    source.emit('line', 'last', '1002-0');
    source.emit(
      'status',
      JSON.stringify({ status: 'failed', at: new Date().toISOString(), error: 'Boom' }),
      '1003-0',
    );
    await fixture.whenStable();
    expect(source.closed).toBe(true);
    expect(written.at(-2)).toBe('last\n');
    expect(written.at(-1)).toContain('Boom');
    expect(written.at(-1)).toContain('Failed after');
    expect(element.querySelector('hk-status-chip')?.textContent).toContain('Failed');
    expect(fixture.componentInstance.events.map((event) => event.status)).toEqual(['running', 'failed']);
  });

  it('renews the session once when the stream is refused, then offers to reconnect', async () => {
    const first = FakeEventSource.latest();
    first.emit('line', 'one', '5-0');
    first.fail(2);
    expect(refresh).toHaveBeenCalledTimes(1);
    const second = FakeEventSource.latest();
    expect(second.url).toBe('/api/runs/r1/stream?lastEventId=5-0');
    second.fail(2);
    await fixture.whenStable();
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(element.textContent).toContain('The live output stopped.');
    const reconnect = Array.from(element.querySelectorAll('button')).find((button) =>
      button.textContent?.includes('Reconnect'),
    );
    reconnect?.click();
    expect(FakeEventSource.instances).toHaveLength(3);
  });

  it('copies the selection and links the log download', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    Object.assign(navigator, { clipboard: { writeText } });
    const copy = Array.from(element.querySelectorAll('button')).find((button) =>
      button.textContent?.includes('Copy'),
    );
    copy?.click();
    await frame();
    await fixture.whenStable();
    expect(writeText).toHaveBeenCalledWith('selected text');
    expect(element.textContent).toContain('Copied');
    expect(element.querySelector('a[download]')?.getAttribute('href')).toBe('/api/runs/r1/log');
  });
});

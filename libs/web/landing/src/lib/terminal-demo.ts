import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';

export interface TerminalLine {
  kind: 'command' | 'info' | 'open' | 'finding' | 'done';
  text: string;
}

/** A scripted run, shown line by line and looped. It illustrates the product; no tool runs here. */
export const DEMO_RUN: readonly TerminalLine[] = [
  { kind: 'command', text: 'huntkit run port-scan --target scanme.example --ports top-1000' },
  { kind: 'info', text: 'resolved scanme.example → 203.0.113.24 · 1000 ports · 200 parallel' },
  { kind: 'open', text: '22/tcp   open   ssh     OpenSSH 9.6p1' },
  { kind: 'open', text: '80/tcp   open   http    nginx 1.24.0' },
  { kind: 'open', text: '443/tcp  open   https   nginx 1.24.0 · TLS 1.3' },
  { kind: 'finding', text: 'medium  TLS certificate expires in 9 days' },
  { kind: 'done', text: 'done in 4.2 s · 3 open · 1 finding · 1 credit' },
];

const LINE_INTERVAL_MS = 750;
const PAUSE_AFTER_RUN_MS = 3200;

@Component({
  selector: 'hk-terminal-demo',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div
      class="window"
      role="img"
      aria-label="Animated example of a port scan streaming its output in the Huntkit terminal"
    >
      <div class="titlebar" aria-hidden="true">
        <span class="dot red"></span><span class="dot amber"></span><span class="dot green"></span>
        <span class="title">port-scan · live</span>
      </div>
      <div class="screen" aria-hidden="true">
        @for (line of lines.slice(0, shown()); track $index) {
          <div class="line {{ line.kind }}">
            @if (line.kind === 'command') {
              <span class="prompt">hunter&#64;huntkit:~$ </span><span class="typed">{{ line.text }}</span>
            } @else {
              <span class="marker">{{ markers[line.kind] }}</span
              >{{ line.text }}
            }
          </div>
        }
        <span class="cursor"></span>
      </div>
    </div>
  `,
  styleUrl: './terminal-demo.scss',
})
export class TerminalDemo {
  protected readonly lines = DEMO_RUN;
  protected readonly markers: Record<TerminalLine['kind'], string> = {
    command: '',
    info: '· ',
    open: '+ ',
    finding: '! ',
    done: '✔ ',
  };
  protected readonly shown = signal(DEMO_RUN.length);

  constructor() {
    const destroyRef = inject(DestroyRef);
    afterNextRender(() => {
      if (matchMedia('(prefers-reduced-motion: reduce)').matches) return; // keep the full run, still
      let timer: ReturnType<typeof setTimeout>;
      const step = () => {
        const next = this.shown() >= DEMO_RUN.length ? 1 : this.shown() + 1;
        this.shown.set(next);
        timer = setTimeout(step, next === DEMO_RUN.length ? PAUSE_AFTER_RUN_MS : LINE_INTERVAL_MS);
      };
      this.shown.set(0);
      timer = setTimeout(step, 400);
      destroyRef.onDestroy(() => clearTimeout(timer));
    });
  }
}

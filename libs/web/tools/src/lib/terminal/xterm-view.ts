import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  ViewEncapsulation,
} from '@angular/core';
import type { Terminal } from '@xterm/xterm';
import { nextFrame } from './line-batcher';
import { terminalOptions } from './xterm-theme';

/**
 * An xterm.js screen. xterm builds its own DOM inside the host, which emulated encapsulation cannot
 * reach, hence no encapsulation here (every rule is scoped under hk-xterm-view). xterm is loaded and
 * started after the first render in the browser only: on the server and in tests nothing touches it,
 * and what is written before it is ready waits in `pending`.
 */
@Component({
  selector: 'hk-xterm-view',
  changeDetection: ChangeDetectionStrategy.OnPush,
  encapsulation: ViewEncapsulation.None,
  host: { '[class.ready]': 'ready()' },
  template: '',
  styleUrl: './xterm-view.scss',
})
export class XtermView {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private terminal: Terminal | null = null;
  private pending: string[] = [];
  private destroyed = false;
  protected readonly ready = signal(false);

  constructor() {
    const cleanups: (() => void)[] = [];
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      cleanups.forEach((cleanup) => cleanup());
      this.terminal?.dispose();
      this.terminal = null;
    });
    afterNextRender(() => void this.start(cleanups));
  }

  write(text: string): void {
    if (this.terminal) this.terminal.write(text);
    else this.pending.push(text);
  }

  /** Empties the screen and anything still waiting for it. */
  clear(): void {
    this.pending = [];
    this.terminal?.reset();
  }

  /** The selection, or else everything still in the scrollback, as plain text. */
  text(): string {
    const terminal = this.terminal;
    if (!terminal) return this.pending.join('');
    if (terminal.hasSelection()) return terminal.getSelection();
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let index = 0; index < buffer.length; index++) {
      const line = buffer.getLine(index);
      if (!line) continue;
      const text = line.translateToString(true);
      // A long line wrapped on screen is still one line of output.
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  private async start(cleanups: (() => void)[]): Promise<void> {
    const [{ Terminal }, { FitAddon }] = await Promise.all([
      import('@xterm/xterm'),
      import('@xterm/addon-fit'),
    ]);
    const styles = getComputedStyle(this.host.nativeElement);
    const options = terminalOptions(styles);
    // xterm measures its cell once: with the web font not loaded yet, every column would be off.
    await document.fonts?.load(`${options.fontSize}px ${options.fontFamily}`).catch(() => undefined);
    if (this.destroyed) return;

    const terminal = new Terminal(options);
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(this.host.nativeElement);
    this.terminal = terminal;
    const refit = () => {
      try {
        fit.fit();
      } catch {
        // Hidden or detached: the next resize fits it.
      }
    };
    refit();
    let cancelFrame: (() => void) | null = null;
    const onResize = () => {
      cancelFrame ??= nextFrame(() => {
        cancelFrame = null;
        refit();
      });
    };
    if (typeof ResizeObserver === 'function') {
      const observer = new ResizeObserver(onResize);
      observer.observe(this.host.nativeElement);
      cleanups.push(() => observer.disconnect());
    } else {
      window.addEventListener('resize', onResize);
      cleanups.push(() => window.removeEventListener('resize', onResize));
    }
    cleanups.push(() => cancelFrame?.());

    if (this.pending.length) terminal.write(this.pending.join(''));
    this.pending = [];
    this.ready.set(true);
  }
}

type Schedule = (run: () => void) => () => void;

/** One callback per animation frame (a timer where there are no frames, as in tests). */
export const nextFrame: Schedule = (run) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(run);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(run, 16);
  return () => clearTimeout(id);
};

/**
 * Collects lines as they arrive and hands them over at most once a frame. A replayed log or a chatty
 * tool sends thousands of lines a second; writing (and counting) each one would freeze the page.
 */
export class LineBatcher {
  private pending: string[] = [];
  private cancel: (() => void) | null = null;

  constructor(
    private readonly flush: (lines: string[]) => void,
    private readonly schedule: Schedule = nextFrame,
  ) {}

  push(line: string): void {
    this.pending.push(line);
    this.cancel ??= this.schedule(() => {
      this.cancel = null;
      this.drain();
    });
  }

  /** Hands over whatever is waiting now (before a final status, so it lands after the last lines). */
  drain(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.pending.length === 0) return;
    const lines = this.pending;
    this.pending = [];
    this.flush(lines);
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = null;
    this.pending = [];
  }
}

import { LineBatcher } from './line-batcher';

describe('LineBatcher', () => {
  it('hands over everything pushed in one frame as one batch', () => {
    const frames: (() => void)[] = [];
    const batches: string[][] = [];
    const batcher = new LineBatcher(
      (lines) => batches.push(lines),
      (run) => {
        frames.push(run);
        return () => undefined;
      },
    );
    for (let index = 0; index < 5000; index++) batcher.push(`line ${index}`);
    expect(frames).toHaveLength(1);
    expect(batches).toHaveLength(0);
    frames[0]();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(5000);
    batcher.push('next');
    expect(frames).toHaveLength(2);
  });

  it('drains at once when asked and forgets everything when disposed', () => {
    const cancel = jest.fn();
    const batches: string[][] = [];
    const batcher = new LineBatcher(
      (lines) => batches.push(lines),
      () => cancel,
    );
    batcher.push('a');
    batcher.drain();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(batches).toEqual([['a']]);
    batcher.drain();
    expect(batches).toHaveLength(1);
    batcher.push('b');
    batcher.dispose();
    batcher.drain();
    expect(batches).toHaveLength(1);
  });
});

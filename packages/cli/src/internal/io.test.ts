import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writeDrained } from './io.js';

describe('writing to a slow reader', () => {
  it('waits while the stream is full, and goes on once the reader has read', async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    let written = false;
    const writing = writeDrained(out, 'more than four bytes\n').then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(written).toBe(false);
    expect(String(out.read())).toBe('more than four bytes\n');
    await writing;
    expect(written).toBe(true);
  });

  it('does not wait for a stream that has room, nor for one that cannot say it drained', async () => {
    const out = new PassThrough();
    await writeDrained(out, 'short\n');
    let captured = '';
    await writeDrained({ write: (chunk: string) => ((captured += chunk), false) }, 'to a test double\n');
    expect([String(out.read()), captured]).toEqual(['short\n', 'to a test double\n']);
  });
});

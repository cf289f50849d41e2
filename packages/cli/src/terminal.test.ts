import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { demoStore, runInProcess } from './internal/harness.js';

const widest = (text: string): number => Math.max(...text.split('\n').map((line) => stringWidth(line)));

describe('tables on a terminal', () => {
  it('fit the terminal: the widest text columns are cut with "…", piped output keeps every character', async () => {
    const dir = await demoStore();
    const piped = await runInProcess(['timeline', 'Ada Lovelace'], dir);
    expect(piped.code).toBe(0);
    expect(widest(piped.stdout)).toBeGreaterThan(80);
    expect(piped.stdout).not.toContain('…');
    const narrow = await runInProcess(['timeline', 'Ada Lovelace'], dir, { columns: 80 });
    expect(narrow.code).toBe(0);
    expect(widest(narrow.stdout)).toBeLessThanOrEqual(80);
    expect(narrow.stdout).toContain('…');
    // The same rows, one line each, the headings whole.
    expect(narrow.stdout.split('\n').length).toBe(piped.stdout.split('\n').length);
    expect(narrow.stdout.split('\n')[1]).toMatch(/^ *#\s+when\s+who\s+copy\s+field\s+from\s+to\s+cause$/);
  });

  it('a terminal wide enough cuts nothing', async () => {
    const dir = await demoStore();
    const piped = await runInProcess(['prompts', 'bob'], dir);
    const wide = await runInProcess(['prompts', 'bob'], dir, { columns: 400 });
    expect(wide.stdout).toBe(piped.stdout);
  });
});

/**
 * The doc-example runner itself: a value comment is checked, prose is not, `…` matches partly, and
 * an example that cannot run as written fails with the line at fault.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { valueOf } from './compile.js';
import type { ExampleBlock } from './extract.js';
import { exampleBlocks } from './extract.js';
import { runExample } from './run.js';
import { typecheckExamples } from './typecheck.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FILE = 'packages/core/src/hashChain.ts';

const block = (...lines: string[]): ExampleBlock => ({ name: 'example', lines, firstLine: 10 });
const run = (...lines: string[]): Promise<void> => runExample(root, FILE, block(...lines));

describe('doc examples: reading value comments', () => {
  it('takes a whole comment that parses as an expression', () => {
    expect(valueOf(["{ a: 1, b: ['x'] }"])).toBe("{ a: 1, b: ['x'] }");
    expect(valueOf(['right(2)'])).toBe('right(2)');
  });
  it('takes the value before a colon, comma, semicolon or dash and leaves the prose after it', () => {
    expect(valueOf(["false: the canonical form is '1.5'"])).toBe('false');
    expect(valueOf(['1, chained to a null previous hash'])).toBe('1');
    expect(valueOf(["['resolve'] — both sides set the stage"])).toBe("['resolve']");
    expect(valueOf(['true when every chain holds'])).toBe('true');
    expect(valueOf(['undefined when its hash is intact'])).toBe('undefined');
  });
  it('reads prose as prose, TypeScript-only forms included', () => {
    expect(valueOf(['starts from position 2'])).toBeUndefined();
    expect(valueOf(["such as 'contact-01kx-1'"])).toBeUndefined();
    expect(valueOf(['e.g. at shutdown, or every few thousand events'])).toBeUndefined();
    expect(valueOf(['Either<Rejection, KeyObject>'])).toBeUndefined();
  });
  it('takes a value followed by a note in parentheses as the value and the note', () => {
    expect(valueOf(["'proposal' (R-STEP-3)"])).toBe("'proposal'");
  });
  it('reads an object listing keys the example does not name as prose', () => {
    expect(valueOf(['right({ orgId, contacts, engagements })'], (name) => name === 'right')).toBeUndefined();
    expect(valueOf(['right({ orgId })'], (name) => ['right', 'orgId'].includes(name))).toBe(
      'right({ orgId })',
    );
  });
  it('takes a single word as a value only when the example names it or it is a global', () => {
    expect(valueOf(['passes'])).toBeUndefined();
    expect(valueOf(['undefined'])).toBe('undefined');
    expect(valueOf(['none'], (name) => name === 'none')).toBe('none');
  });
  it('joins the comment lines that follow while the value needs them', () => {
    expect(valueOf(["left({ code: 'X',", "       message: 'y' })", 'and then prose'])).toBe(
      "left({ code: 'X',\n       message: 'y' })",
    );
  });
  it('spreads "and more" for `…` outside strings only', () => {
    expect(valueOf(["{ code: 'X', … }"])).toBe("{ code: 'X', ...__more }");
    expect(valueOf(["'a…b'"])).toBe("'a…b'");
  });
});

describe('doc examples: running', () => {
  it('passes when every value comment holds, awaits included', async () => {
    await run(
      "import { canonicalJson } from '@rapport/core';",
      'canonicalJson({ b: 1, a: 2 }); // \'{"a":2,"b":1}\'',
      'const n = await Promise.resolve(3); // 3',
      'n + 1; // 4: prose after the value',
    );
  });
  it('fails on a wrong value, naming the file, the line and the statement', async () => {
    await expect(
      run("import { canonicalJson } from '@rapport/core';", 'canonicalJson([2, 1]); // "[1,2]"'),
    ).rejects.toThrow(`${FILE}:11: canonicalJson([2, 1]) // "[1,2]"`);
  });
  it('runs a line whose comment is prose without checking it', async () => {
    await run('const list = [3, 1];', 'list.sort(); // sorts in place');
  });
  it('matches `…` partly in objects and as the rest of an array', async () => {
    await run("({ code: 'X', message: 'y' }); // { code: 'X', … }", '[1, 2, 3]; // [1, 2, …]');
    await expect(run("({ code: 'Y', message: 'y' }); // { code: 'X', … }")).rejects.toThrow();
    await expect(run('[1, 3, 3]; // [1, 2, …]')).rejects.toThrow();
  });
  it('matches a capitalized name the example does not know, in a list, as an event of that type', async () => {
    await run(
      "[{ type: 'SegmentSet', data: {} }, { type: 'ContactShared' }]; // [SegmentSet, ContactShared]",
    );
    await expect(run("[{ type: 'SegmentSet' }]; // [ContactShared]")).rejects.toThrow();
    await expect(
      run("[{ type: 'SegmentSet' }, { type: 'ContactShared' }]; // [SegmentSet]"),
    ).rejects.toThrow();
  });
  it('checks what a catch block ends with, and that the try block threw', async () => {
    await run("try { JSON.parse('{'); } catch (e) { (e as Error).name; } // 'SyntaxError'");
    await expect(
      run("try { JSON.parse('{'); } catch (e) { (e as Error).name; } // 'TypeError'"),
    ).rejects.toThrow("(thrown) (e as Error).name; // 'TypeError'");
    await expect(
      run("try { JSON.parse('{}'); } catch (e) { (e as Error).name; } // 'SyntaxError'"),
    ).rejects.toThrow('line 10: the try block did not throw');
  });
  it('refuses an example with no code besides its imports', async () => {
    await expect(
      run("import { canonicalJson } from '@rapport/core';", '// canonicalJson(1);'),
    ).rejects.toThrow('no code besides its imports');
  });
  it('refuses a value comment on a statement without a value', async () => {
    await expect(run('if (1 > 0) console.log(1); // true')).rejects.toThrow('no value to check');
  });
});

describe('doc examples: finding blocks', () => {
  it('names each block after the declaration it documents, inside classes and interfaces too', () => {
    const text = [
      '/**',
      ' * A counter.',
      ' *',
      ' * @example',
      ' * count(1); // 1',
      ' */',
      'export const count = (n: number) => n;',
      'export interface Box {',
      '  /**',
      '   * @example',
      '   * box.open(); // true',
      '   * @since 1',
      '   */',
      '  open(): boolean;',
      '}',
    ].join('\n');
    expect(exampleBlocks('x.ts', text)).toEqual([
      { name: 'count', lines: ['count(1); // 1'], firstLine: 5 },
      { name: 'Box.open', lines: ['box.open(); // true'], firstLine: 11 },
    ]);
  });
});

describe('doc examples: typechecking', () => {
  it('reports a type error at its line in the documented file, and an unused name as none', () => {
    // node:path rather than a workspace package keeps the program small; the doc examples test
    // typechecks imports of the workspace packages.
    const example = (...lines: string[]) => ({ file: FILE, title: 'join', block: block(...lines) });
    const errors = typecheckExamples(root, [
      example("import { join } from 'node:path';", "const path = join('a', 'b'); // 'a/b'"),
      example("import { join } from 'node:path';", "join('a', 'b').toFixed(2);"),
    ]);
    expect(errors).toEqual([
      {
        file: FILE,
        title: 'join',
        line: 11,
        message: expect.stringContaining("Property 'toFixed' does not exist on type 'string'"),
      },
    ]);
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderEmailTemplate } from './index.js';

/** Text with many braces and spaces, so placeholders and near-placeholders are frequent. */
const bracy = fc.string({ unit: fc.constantFrom('{', '}', ' ', 'a', 'b', '\n', 'x'), maxLength: 60 });
const anyText = fc.oneof(fc.string(), bracy);
const values = fc.dictionary(fc.constantFrom('a', 'b', 'ab', 'x', ' a'), fc.string(), { maxKeys: 4 });

describe('email templates, properties', () => {
  it('R-STEP-5: rendering never throws and reports each unknown name once', () => {
    fc.assert(
      fc.property(anyText, anyText, values, (subject, body, known) => {
        const rendered = renderEmailTemplate({ subject, body }, known);
        expect(new Set(rendered.unknownPlaceholders).size).toBe(rendered.unknownPlaceholders.length);
        for (const name of rendered.unknownPlaceholders) {
          expect(Object.hasOwn(known, name)).toBe(false);
          expect(name).toBe(name.trim());
          expect(name).not.toBe('');
        }
      }),
    );
  });

  it('R-STEP-5: a template without placeholders renders unchanged', () => {
    const noPlaceholder = fc.string().filter((text) => !/\{\{[^{}\r\n]*\}\}/.test(text));
    fc.assert(
      fc.property(
        fc.oneof(
          noPlaceholder,
          bracy.filter((text) => !text.includes('}}')),
        ),
        values,
        (text, known) => {
          expect(renderEmailTemplate({ subject: text, body: text }, known)).toEqual({
            subject: text,
            body: text,
            unknownPlaceholders: [],
          });
        },
      ),
    );
  });

  it('R-STEP-5: with every name known, the rendering is the template with each placeholder replaced', () => {
    const names = fc.constantFrom('a', 'b', 'first name');
    const piece = fc.oneof(
      fc
        .string({ unit: fc.constantFrom('a', ' ', '.', '\n'), maxLength: 5 })
        .map((text) => ({ text, name: undefined })),
      fc
        .tuple(names, fc.constantFrom('', ' ', '  '))
        .map(([name, pad]) => ({ text: `{{${pad}${name}${pad}}}`, name })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const known = { a: 'A', b: '', 'first name': 'Ada' } as Record<string, string>;
        const template = pieces.map((p) => p.text).join('');
        const expected = pieces.map((p) => (p.name === undefined ? p.text : known[p.name])).join('');
        expect(renderEmailTemplate({ subject: template, body: '' }, known)).toEqual({
          subject: expected,
          body: '',
          unknownPlaceholders: [],
        });
      }),
    );
  });
});

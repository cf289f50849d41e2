import { describe, expect, it } from 'vitest';
import { renderEmailTemplate } from './index.js';

describe('email templates', () => {
  it('R-STEP-5: placeholders render the contact’s values, spaces inside braces allowed', () => {
    expect(
      renderEmailTemplate(
        { subject: 'Hello {{firstName}}', body: 'Dear {{ firstName }},\nyour budget is {{  Budget\t}}.' },
        { firstName: 'Ada', Budget: 'USD 1,000.00' },
      ),
    ).toEqual({
      subject: 'Hello Ada',
      body: 'Dear Ada,\nyour budget is USD 1,000.00.',
      unknownPlaceholders: [],
    });
  });

  it('R-STEP-5: an unknown placeholder renders as empty text and is reported once, in order', () => {
    expect(
      renderEmailTemplate(
        { subject: '{{ title }} {{lastName}}', body: 'Hi {{nickname}} {{title}} {{lastName}}' },
        { lastName: 'Lovelace' },
      ),
    ).toEqual({ subject: ' Lovelace', body: 'Hi   Lovelace', unknownPlaceholders: ['title', 'nickname'] });
  });

  it('R-STEP-5: names match exactly and never reach inherited properties', () => {
    expect(
      renderEmailTemplate(
        { subject: '{{FirstName}}{{constructor}}{{__proto__}}', body: '' },
        { firstName: 'Ada' },
      ),
    ).toEqual({
      subject: '',
      body: '',
      unknownPlaceholders: ['FirstName', 'constructor', '__proto__'],
    });
  });

  it('R-STEP-5: a known value that is empty is not reported', () => {
    expect(renderEmailTemplate({ subject: 'x{{ note }}y', body: '' }, { note: '' })).toEqual({
      subject: 'xy',
      body: '',
      unknownPlaceholders: [],
    });
  });

  it('R-STEP-5: values are inserted as they are, never rendered again', () => {
    expect(
      renderEmailTemplate({ subject: '{{a}}', body: '{{b}}' }, { a: '{{b}}', b: "$& $1 $$ $'" }),
    ).toEqual({ subject: '{{b}}', body: "$& $1 $$ $'", unknownPlaceholders: [] });
  });

  it('R-STEP-5: text that is not a placeholder stays as written', () => {
    const template = { subject: '{{}} {{ }} {name} {{open', body: '{{line\nbreak}} }} {{{x}}}' };
    expect(renderEmailTemplate(template, { x: 'X' })).toEqual({
      subject: '{{}} {{ }} {name} {{open',
      body: '{{line\nbreak}} }} {X}',
      unknownPlaceholders: [],
    });
  });

  it('R-STEP-5: long runs of braces render in linear time without special casing', () => {
    const subject = '{{'.repeat(50_000) + 'a'.repeat(50_000);
    const rendered = renderEmailTemplate({ subject, body: '{'.repeat(100_000) }, {});
    expect(rendered.subject).toBe(subject);
    expect(rendered.unknownPlaceholders).toEqual([]);
  });
});

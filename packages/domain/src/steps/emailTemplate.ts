/**
 * Email templates of next steps (R-STEP-1) and their rendering (R-STEP-5): `{{field}}`
 * placeholders over the contact's fields; an unknown placeholder renders as empty text and is
 * reported. Rendering is a pure function of the template and the values.
 */
import * as t from 'io-ts';

/**
 * An email template: a subject and a body, both plain text with `{{field}}` placeholders.
 *
 * @example
 * import { EmailTemplate } from '@rapport/domain';
 * EmailTemplate.is({ subject: 'Hello {{firstName}}', body: 'Dear {{ firstName }},' }); // true
 */
export const EmailTemplate = t.exact(t.type({ subject: t.string, body: t.string }), 'EmailTemplate');
export type EmailTemplate = t.TypeOf<typeof EmailTemplate>;

/**
 * A rendered email, with the placeholders that named no known value, each once, in the order
 * they first appear (subject first).
 *
 * @example
 * import { RenderedEmail } from '@rapport/domain';
 * RenderedEmail.is({ subject: 'Hi', body: 'Dear ,', unknownPlaceholders: ['nickname'] }); // true
 */
export const RenderedEmail = t.type(
  { subject: t.string, body: t.string, unknownPlaceholders: t.array(t.string) },
  'RenderedEmail',
);
export type RenderedEmail = t.TypeOf<typeof RenderedEmail>;

/**
 * `{{`, then a name of any characters but braces and line breaks, then `}}`. The name class
 * excludes the braces that end it, so matching is linear: no nested quantifier can backtrack.
 */
const PLACEHOLDER = /\{\{([^{}\r\n]*)\}\}/g;

const renderText = (text: string, values: Readonly<Record<string, string>>, unknown: Set<string>): string =>
  text.replace(PLACEHOLDER, (whole: string, inner: string) => {
    const name = inner.trim();
    if (name === '') return whole;
    if (Object.hasOwn(values, name)) return values[name] ?? '';
    unknown.add(name);
    return '';
  });

/**
 * Renders a template with the contact's field values (R-STEP-5). A placeholder is `{{name}}`,
 * spaces around the name allowed (`{{ firstName }}`); names match keys of `values` exactly.
 * A name with no value renders as empty text and is listed in `unknownPlaceholders`. Values are
 * inserted as they are, never rendered again; `{{}}`, `{{ }}` and unclosed braces stay as written.
 *
 * @example
 * import { renderEmailTemplate } from '@rapport/domain';
 * renderEmailTemplate(
 *   { subject: 'Welcome, {{ firstName }}', body: 'Your budget: {{Budget}}. {{nickname}}' },
 *   { firstName: 'Ada', Budget: 'USD 1,000.00' },
 * );
 * // { subject: 'Welcome, Ada', body: 'Your budget: USD 1,000.00. ', unknownPlaceholders: ['nickname'] }
 */
export const renderEmailTemplate = (
  template: EmailTemplate,
  values: Readonly<Record<string, string>>,
): RenderedEmail => {
  const unknown = new Set<string>();
  const subject = renderText(template.subject, values, unknown);
  const body = renderText(template.body, values, unknown);
  return { subject, body, unknownPlaceholders: [...unknown] };
};

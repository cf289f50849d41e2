/**
 * Colour only on a terminal: styles are applied when the stream is a TTY and neither `NO_COLOR`
 * nor `--no-color` asked otherwise, so piped output and `--json` stay plain text.
 */
import { styleText } from 'node:util';
import type { CliIo, OutputStream } from './io.js';

type Format = Parameters<typeof styleText>[0];

/** Applies text styles, or leaves text as it is. */
export interface Styler {
  readonly enabled: boolean;
  (format: Format, text: string): string;
}

/**
 * Whether a stream should get colours.
 *
 * @example
 * import { wantsColour } from './style.js';
 * const terminal = { write: () => true, isTTY: true };
 * wantsColour(terminal, {}); // true
 * wantsColour(terminal, { NO_COLOR: '1' }); // false
 * wantsColour({ write: () => true }, {}); // false: not a terminal
 */
export const wantsColour = (stream: OutputStream, env: CliIo['env']): boolean =>
  stream.isTTY === true &&
  (env['NO_COLOR'] === undefined || env['NO_COLOR'] === '') &&
  env['TERM'] !== 'dumb';

/**
 * A styler for a stream: colours on a terminal, plain text elsewhere.
 *
 * @example
 * import { stylerFor } from './style.js';
 * const plain = stylerFor({ write: () => true }, {});
 * plain('bold', 'Ada'); // 'Ada'
 * plain.enabled; // false
 * stylerFor({ write: () => true, isTTY: true }, {}).enabled; // true
 */
export const stylerFor = (stream: OutputStream, env: CliIo['env'], allowed = true): Styler => {
  const enabled = allowed && wantsColour(stream, env);
  const style = ((format: Format, text: string) => (enabled ? styleText(format, text) : text)) as Styler;
  Object.defineProperty(style, 'enabled', { value: enabled });
  return style;
};

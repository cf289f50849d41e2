/**
 * Colour only on a terminal: styles are applied when the stream is a TTY and neither `NO_COLOR`
 * nor `--no-color` asked otherwise, so piped output and `--json` stay plain text.
 */
import { styleText } from 'node:util';
import type { CliIo, OutputStream } from './io.js';

type Format = Parameters<typeof styleText>[0];

/**
 * Applies text styles, or leaves text as it is; knows the width of the terminal written to, if
 * any, for tables to fit (undefined when the stream is not a terminal: nothing is cut).
 */
export interface Styler {
  readonly enabled: boolean;
  readonly width: number | undefined;
  (format: Format, text: string): string;
}

/**
 * The width tables fit in: `COLUMNS` when set to a positive number, else a terminal's columns;
 * none for piped output.
 *
 * @example
 * import { terminalWidth } from './style.js';
 * terminalWidth({ write: () => true, isTTY: true, columns: 80 }, {}); // 80
 * terminalWidth({ write: () => true, isTTY: true, columns: 80 }, { COLUMNS: '120' }); // 120
 * terminalWidth({ write: () => true }, {}); // undefined
 */
export const terminalWidth = (stream: OutputStream, env: CliIo['env']): number | undefined => {
  const fromEnv = Number(env['COLUMNS']);
  if (Number.isSafeInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return stream.isTTY === true && stream.columns !== undefined && stream.columns > 0
    ? stream.columns
    : undefined;
};

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
 * stylerFor({ write: () => true, isTTY: true, columns: 100 }, {}).width; // 100
 */
export const stylerFor = (stream: OutputStream, env: CliIo['env'], allowed = true): Styler => {
  const enabled = allowed && wantsColour(stream, env);
  const style = ((format: Format, text: string) => (enabled ? styleText(format, text) : text)) as Styler;
  Object.defineProperty(style, 'enabled', { value: enabled });
  Object.defineProperty(style, 'width', { value: terminalWidth(stream, env) });
  return style;
};

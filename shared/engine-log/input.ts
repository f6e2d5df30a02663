/**
 * What a pasted or opened log must be before it is read: text, and not more than a start-up needs.
 */
import { CardPlanError } from '../errors.ts';
import { BYTES_PER_MB } from '../units.ts';

/** The most of a log that is read, UTF-8 bytes (20 MB). A start-up log is a few hundred KB. */
export const MAX_LOG_BYTES = 20 * BYTES_PER_MB;

/** How much of the start is sampled for non-printable characters. */
const SAMPLE_CHARS = 65_536;

/** Above this share of non-printable characters in the sample the text is taken for binary data. */
const MAX_NON_PRINTABLE_FRACTION = 0.3;

/**
 * Bytes of `text` in UTF-8: 1 for U+0000–U+007F, 2 up to U+07FF, 3 for the rest of the BMP, 4 for a
 * surrogate pair (2 UTF-16 units). A lone surrogate counts 3 (it is written as U+FFFD).
 * @example utf8Bytes('显存 GB') // 9
 */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Control characters other than tab, line breaks, form feed and ESC (ANSI colours), DEL, and U+FFFD (bytes that were not UTF-8). */
function nonPrintable(c: number): boolean {
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1b) || c === 0x7f || c === 0xfffd;
}

/**
 * Refuses what is not a start-up log to read: more than {@link MAX_LOG_BYTES} (one line naming the
 * size), or binary data (a NUL byte anywhere, or more than 30% non-printable characters in the first
 * 64 Ki characters).
 */
export function checkLogText(text: string): void {
  if (typeof text !== 'string') {
    throw new CardPlanError('invalid_input', `parseEngineLog: the log must be text (got ${text === null ? 'null' : typeof text})`);
  }
  // Each UTF-16 unit is at least one UTF-8 byte and at most three, so counting is needed only in between.
  if (text.length * 3 > MAX_LOG_BYTES) {
    const bytes = utf8Bytes(text);
    if (bytes > MAX_LOG_BYTES) {
      throw new CardPlanError(
        'invalid_input',
        `the log is ${(bytes / BYTES_PER_MB).toFixed(1)} MB; at most ${MAX_LOG_BYTES / BYTES_PER_MB} MB is read — paste the start-up part (the first few thousand lines)`,
      );
    }
  }
  const sample = Math.min(text.length, SAMPLE_CHARS);
  let odd = 0;
  for (let i = 0; i < sample; i++) if (nonPrintable(text.charCodeAt(i))) odd++;
  if (text.includes('\u0000') || (sample > 0 && odd / sample > MAX_NON_PRINTABLE_FRACTION)) {
    throw new CardPlanError('invalid_input', 'this is not a text log (binary data)');
  }
}

/**
 * Reading figures out of log lines. Each figure has rules in order of preference; a rule's pattern
 * is searched anywhere in a line (pastes carry timestamps, rank prefixes, markdown bullets,
 * docker-compose prefixes or none of them), and the first line that matches wins: when every rank
 * or engine repeats a line, the first rank's value is the one kept, never a sum.
 */
import type { EngineFamily, Observed } from './observation.ts';
import { printedMemoryBytes, printedUnit } from './units.ts';

export interface Rule<T> {
  /** A literal every matching line contains: a cheap filter before the regular expression. */
  hint: string;
  pattern: RegExp;
  /** The figure from the match, or null when the match does not give one (the search goes on). */
  read: (match: RegExpExecArray) => T | null;
}

/** Lines of a log, split on \n, \r\n or \r. Index i is line i + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/** The first line matching the first rule that matches anywhere, with its figure. */
export function observe<T>(lines: readonly string[], rules: readonly Rule<T>[]): Observed<T> | null {
  for (const rule of rules) {
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i]!;
      if (!raw.includes(rule.hint)) continue;
      const match = rule.pattern.exec(raw);
      if (!match) continue;
      const value = rule.read(match);
      if (value !== null) return { value, line: i + 1, text: raw.trim() };
    }
  }
  return null;
}

/** Whether any line contains `hint` and matches `pattern`. */
export function anyLine(lines: readonly string[], hint: string, pattern: RegExp): boolean {
  return lines.some((raw) => raw.includes(hint) && pattern.test(raw));
}

/** A decimal as printed, possibly negative: `-0.87`, `14.9888`, `1`. */
export const DECIMAL = String.raw`-?\d+(?:\.\d+)?`;

/** A whole number as printed, with thousands separators (vLLM V1: `42,656`) or without (`46611`). */
export const WHOLE = String.raw`\d{1,3}(?:,\d{3})+(?!\d)|\d+`;

/** A printed whole number (thousands separators allowed) as a number. @example wholeNumber('1,086,464') // 1086464 */
export function wholeNumber(text: string): number {
  return Number(text.replaceAll(',', ''));
}

/** Rules whose pattern has one capture group read as a whole number. */
export function wholeRule(hint: string, pattern: RegExp): Rule<number> {
  return { hint, pattern, read: (m) => wholeNumber(m[1]!) };
}

/** Rules whose pattern has one capture group read as a decimal. */
export function decimalRule(hint: string, pattern: RegExp): Rule<number> {
  return { hint, pattern, read: (m) => Number(m[1]!) };
}

/** Rules whose pattern has one capture group kept as text. */
export function textRule(hint: string, pattern: RegExp): Rule<string> {
  return { hint, pattern, read: (m) => m[1] ?? null };
}

/**
 * Rules whose pattern captures an amount and its unit (group 2; 'bytes' when the pattern has no
 * unit group), read in bytes by `engine`'s meaning of the unit.
 */
export function memoryRule(engine: EngineFamily, hint: string, pattern: RegExp): Rule<number> {
  return { hint, pattern, read: (m) => printedMemoryBytes(engine, Number(m[1]!), m[2] === undefined ? 'bytes' : printedUnit(m[2])) };
}

/** Sets `extra[name]` when the rules find the figure. */
export function addExtra(extra: Record<string, Observed<number>>, name: string, found: Observed<number> | null): void {
  if (found) extra[name] = found;
}

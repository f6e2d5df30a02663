/**
 * Units. Bytes are integers everywhere inside CardPlan; GB (10^9) and GiB (2^30) appear only where
 * a number is shown, always labelled.
 */
export const BYTES_PER_GB = 1_000_000_000;
export const BYTES_PER_MB = 1_000_000;
export const BYTES_PER_GIB = 1024 ** 3;
export const BYTES_PER_MIB = 1024 ** 2;

/** @example bytesToGB(64_000_000_000) // 64 */
export function bytesToGB(bytes: number): number {
  return bytes / BYTES_PER_GB;
}

/** @example bytesToGiB(20_971_520_000) // 19.53125 */
export function bytesToGiB(bytes: number): number {
  return bytes / BYTES_PER_GIB;
}

/** GiB to whole bytes, rounded to the nearest byte. @example gibToBytes(79.19) // 85_029_615_043 */
export function gibToBytes(gib: number): number {
  return Math.round(gib * BYTES_PER_GIB);
}

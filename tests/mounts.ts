/**
 * Small file systems for the failure tests: a tiny tmpfs (a disk that fills up) that can be
 * remounted read-only. Needs root (the machines here and CI run as root); `available` says whether
 * mounting works where the tests run.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TinyDisk {
  dir: string;
  readOnly(): void;
  unmount(): void;
}

function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardplan-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const MOUNTS_AVAILABLE = canMount();

export function tinyDisk(sizeKb: number): TinyDisk {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cardplan-tiny-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir]),
    unmount: () => {
      execFileSync('umount', ['-l', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

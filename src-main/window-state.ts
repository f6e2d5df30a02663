/**
 * The window's size and position, remembered between runs (`window-state.json` beside the
 * database) and put back only where a display still shows it.
 */
import fs from 'node:fs';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Bounds {
  maximized: boolean;
}

const MIN = { width: 960, height: 600 };

/** The saved bounds if at least 100 × 50 px of the title area lies on one of the work areas; else none. */
export function restoreBounds(saved: unknown, workAreas: Bounds[]): WindowState | undefined {
  const s = saved as Partial<WindowState> | null;
  if (!s || ![s.x, s.y, s.width, s.height].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const state: WindowState = { x: s.x!, y: s.y!, width: Math.max(MIN.width, s.width!), height: Math.max(MIN.height, s.height!), maximized: s.maximized === true };
  const visible = workAreas.some((a) => {
    const w = Math.min(state.x + state.width, a.x + a.width) - Math.max(state.x, a.x);
    const h = Math.min(state.y + 50, a.y + a.height) - Math.max(state.y, a.y);
    return w >= 100 && h >= 50;
  });
  return visible ? state : undefined;
}

export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    fs.writeFileSync(file, JSON.stringify(state));
  } catch {
    // not worth interrupting a quit for
  }
}

/**
 * A verdict in words, in English or Chinese, for the CLI, the window and the quote: the badge and
 * the one sentence that gives the figure the verdict was made on. Every face prints these, so a
 * verdict never reads differently in two places.
 */
import { formatGiB, formatNumber } from '../format.ts';
import type { FitStatus, Verdict } from './verdict.ts';

export type Language = 'en' | 'zh-CN';

const LABELS: Record<Language, Record<FitStatus, string>> = {
  en: { fits: 'fits', tight: 'tight (inside the safety margin)', no: 'does not fit' },
  'zh-CN': { fits: '可部署', tight: '紧张（仅在安全冗余内）', no: '放不下' },
};

/** @example verdictLabel('tight', 'en') // "tight (inside the safety margin)" */
export function verdictLabel(status: FitStatus, language: Language): string {
  return LABELS[language][status];
}

const pct = (fraction: number, language: Language): string => `${formatNumber(fraction * 100, language, 0)}%`;

/**
 * The figure behind a verdict, as the short text a table cell shows next to the badge.
 * @example verdictFigure(memoryVerdict, 'en') // "65.85 / 60.70 GiB"
 * @example verdictFigure(poolVerdict, 'en') // "162,160 / 160,000 tokens"
 */
export function verdictFigure(v: Verdict, language: Language): string {
  if (v.basis === 'memory') return `${formatNumber(v.needWithBufferBytes / 2 ** 30, language, 2)} / ${formatGiB(v.usableBytes, language)}`;
  return language === 'zh-CN'
    ? `KV 池 ${formatNumber(v.poolTokens, language)} / 需 ${formatNumber(v.requestedTokens, language)} Token`
    : `pool ${formatNumber(v.poolTokens, language)} / ${formatNumber(v.requestedTokens, language)} tokens`;
}

/**
 * One sentence: the verdict, then the figure it was made on.
 * @example verdictSentence(tightPool, 'en')
 * // "tight (inside the safety margin): vLLM allocates 0.90 × 60.70 GiB = 54.63 GiB per card; its KV pool
 * //  (19.79 GiB) holds 162,160 tokens: the 160,000 requested (10 × 16,000) fit, but not with the 20% headroom (192,000)"
 */
export function verdictSentence(v: Verdict, language: Language): string {
  const zh = language === 'zh-CN';
  const gib = (bytes: number): string => formatGiB(bytes, language);
  const n = (x: number): string => formatNumber(x, language);
  const label = verdictLabel(v.status, language);
  if (v.basis === 'memory') {
    const share =
      v.engineFraction === null
        ? zh
          ? `可用 ${gib(v.usableBytes)}`
          : `${gib(v.usableBytes)} usable`
        : zh
          ? `引擎按比例 ${formatNumber(v.engineFraction, language, 2)} 占用 ${gib(v.usableBytes)}`
          : `${gib(v.usableBytes)} the engine takes at ${formatNumber(v.engineFraction, language, 2)} of the card`;
    const buffer = pct(v.bufferFraction, language);
    if (v.status === 'fits') return zh ? `${label}：每卡含 ${buffer} 安全冗余共 ${gib(v.needWithBufferBytes)}，${share}` : `${label}: ${gib(v.needWithBufferBytes)} per card with the ${buffer} safety buffer, ${share}`;
    if (v.status === 'tight')
      return zh
        ? `${label}：每卡 ${gib(v.needBytes)}，不含 ${buffer} 安全冗余才能放下（含冗余 ${gib(v.needWithBufferBytes)}），${share}`
        : `${label}: ${gib(v.needBytes)} per card fits only without the ${buffer} safety buffer (${gib(v.needWithBufferBytes)} with it), ${share}`;
    return zh ? `${label}：不含安全冗余每卡已需 ${gib(v.needBytes)}，${share}` : `${label}: ${gib(v.needBytes)} per card before any safety buffer, ${share}`;
  }
  const engine = v.engine === 'vllm' ? 'vLLM' : 'SGLang';
  const allocates = zh
    ? `${engine} 每卡分配 ${formatNumber(v.fraction, language, 2)} × ${gib(v.usableBytes)} = ${gib(v.engineBytes)}`
    : `${engine} allocates ${formatNumber(v.fraction, language, 2)} × ${gib(v.usableBytes)} = ${gib(v.engineBytes)} per card`;
  const requested = zh
    ? `请求的 ${n(v.requestedTokens)} 个 Token（${n(v.concurrency)} × ${n(v.contextTokens)}）`
    : `the ${n(v.requestedTokens)} requested (${n(v.concurrency)} × ${n(v.contextTokens)})`;
  const headroom = pct(v.bufferFraction, language);
  if (v.poolTokens === 0) {
    return zh
      ? `${label}：${allocates}，其中权重等非 KV 部分已占 ${gib(v.nonKvBytes)}，没有 KV 缓存的空间`
      : `${label}: ${allocates}, and weights and the rest take ${gib(v.nonKvBytes)} of it: no room for a KV cache`;
  }
  const pool = zh ? `KV 池（${gib(v.poolBytes)}）可容纳 ${n(v.poolTokens)} 个 Token` : `its KV pool (${gib(v.poolBytes)}) holds ${n(v.poolTokens)} tokens`;
  if (v.status === 'fits')
    return zh
      ? `${label}：${allocates}；${pool}，足够${requested}并留有 ${headroom} 余量（${n(v.requestedWithBufferTokens)}）`
      : `${label}: ${allocates}; ${pool}, enough for ${requested} with the ${headroom} headroom (${n(v.requestedWithBufferTokens)})`;
  if (v.status === 'tight')
    return zh
      ? `${label}：${allocates}；${pool}，放得下${requested}，但留不出 ${headroom} 余量（${n(v.requestedWithBufferTokens)}）`
      : `${label}: ${allocates}; ${pool}: ${requested} fit, but not with the ${headroom} headroom (${n(v.requestedWithBufferTokens)})`;
  return zh ? `${label}：${allocates}；${pool}，少于${requested}` : `${label}: ${allocates}; ${pool}, fewer than ${requested}`;
}

/**
 * Why an option is recommended (or why none is), in one line of English or Chinese, for the CLI,
 * the Compare screen and the quote.
 */
import { formatNumber } from '../format.ts';
import type { Language } from '../memory/verdict-text.ts';
import type { Plan, PlanOption } from './plan.ts';

/** "2 × H20 96GB (TP 2 × PP 1 × 1)": cards, name and the split, as everywhere in CardPlan. */
export function optionShortName(o: PlanOption, language: Language): string {
  return `${formatNumber(o.cards, language)} × ${o.cardName} (TP ${o.tp} × PP ${o.pp} × ${o.replicas})`;
}

function demands(plan: Plan, language: Language): string {
  const zh = language === 'zh-CN';
  const r = plan.recommendation;
  const unit = plan.kind === 'generation' ? (zh ? '输出 Token/s' : 'output tokens/s') : zh ? '输入 Token/s' : 'input tokens/s';
  const parts: string[] = [];
  if (r.floorTokensPerSecondPerUser !== null) parts.push(zh ? `每位用户至少 ${formatNumber(r.floorTokensPerSecondPerUser, language, 0)} Token/s` : `at least ${formatNumber(r.floorTokensPerSecondPerUser, language, 0)} tokens/s for each user`);
  const l = r.latencyTargets;
  if (l?.ttftMs != null) parts.push(zh ? `首 Token 时延 ≤ ${formatNumber(l.ttftMs, language, 0)} ms` : `a first token within ${formatNumber(l.ttftMs, language, 0)} ms`);
  if (l?.tpotMs != null) parts.push(zh ? `每输出 Token ≤ ${formatNumber(l.tpotMs, language, 0)} ms` : `at most ${formatNumber(l.tpotMs, language, 0)} ms per output token`);
  if (r.targetTokensPerSecond !== null) parts.push(zh ? `总计 ${formatNumber(r.targetTokensPerSecond, language, 0)} ${unit}` : `${formatNumber(r.targetTokensPerSecond, language, 0)} ${unit} in all`);
  return parts.join(zh ? '、' : ' and ');
}

function leftOut(plan: Plan, language: Language): string {
  const zh = language === 'zh-CN';
  const l = plan.recommendation.leftOut;
  const n = (x: number): string => formatNumber(x, language);
  const items: string[] = [];
  if (l.belowFloor) items.push(zh ? `${n(l.belowFloor)} 个低于每用户速度下限` : `${n(l.belowFloor)} option${l.belowFloor === 1 ? '' : 's'} below the per-user speed floor`);
  if (l.missesLatency) items.push(zh ? `${n(l.missesLatency)} 个达不到时延目标` : `${n(l.missesLatency)} missing the latency targets`);
  if (l.belowTarget) items.push(zh ? `${n(l.belowTarget)} 个达不到吞吐目标` : `${n(l.belowTarget)} below the throughput target`);
  if (l.noSpeed) items.push(zh ? `${n(l.noSpeed)} 个无法估算速度` : `${n(l.noSpeed)} with no speed estimate`);
  if (l.noPrice) items.push(zh ? `${n(l.noPrice)} 个没有价格` : `${n(l.noPrice)} without a price`);
  if (l.tight) items.push(zh ? `${n(l.tight)} 个仅在安全冗余内` : `${n(l.tight)} only inside the safety margin`);
  if (!items.length) return '';
  return zh ? `未推荐的方案：${items.join('，')}。` : ` Not recommended: ${items.join(', ')}.`;
}

/**
 * @example recommendationSentence(plan, 'en')
 * // "Recommended: 2 × H20 96GB (TP 2 × PP 1 × 1), the cheapest of 9 options that fit, have a price and give
 * //  at least 10 tokens/s for each user; 2 × H20 96GB (TP 1 × PP 2 × 1) costs the same but gives 260 output
 * //  tokens/s against 521. Not recommended: 3 options below the per-user speed floor, 30 without a price."
 */
export function recommendationSentence(plan: Plan, language: Language): string {
  const zh = language === 'zh-CN';
  const r = plan.recommendation;
  const wants = demands(plan, language);
  const unit = plan.kind === 'generation' ? (zh ? '输出 Token/s' : 'output tokens/s') : zh ? '输入 Token/s' : 'input tokens/s';
  if (r.index === null) {
    return zh
      ? `没有推荐方案：没有一个方案既放得下、有价格${wants ? `，又满足${wants}` : ''}。${leftOut(plan, language)}`
      : `Nothing recommended: no option fits, has a price${wants ? ` and gives ${wants}` : ''}.${leftOut(plan, language)}`;
  }
  const rec = plan.options[r.index]!;
  let line = zh
    ? `推荐：${optionShortName(rec, language)}，在 ${formatNumber(r.eligible, language)} 个放得下、有价格${wants ? `且满足${wants}` : ''}的方案中最便宜`
    : `Recommended: ${optionShortName(rec, language)}, the cheapest of ${formatNumber(r.eligible, language)} option${r.eligible === 1 ? '' : 's'} that fit, have a price${wants ? ` and give ${wants}` : ''}`;
  if (r.sameCapexSlower) {
    const other = plan.options[r.sameCapexSlower.index]!;
    const speeds = `${formatNumber(r.sameCapexSlower.throughputTokensPerSecond, language, 0)}`;
    const ours = formatNumber(rec.throughputTokensPerSecond!, language, 0);
    line += zh
      ? `；${optionShortName(other, language)} 价格相同，但只有 ${speeds} ${unit}（推荐方案 ${ours}）`
      : `; ${optionShortName(other, language)} costs the same but gives ${speeds} ${unit} against ${ours}`;
  }
  return zh ? `${line}。${leftOut(plan, language)}` : `${line}.${leftOut(plan, language)}`;
}

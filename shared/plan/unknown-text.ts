/**
 * Never a silent hole: which catalog figure a card lacks, which numbers that blocks, and where to
 * fill it in — one sentence, the same in the plan, the window and the quote's refusal.
 */
import type { CardSpec } from '../catalog/card-specs.ts';
import type { Language } from '../memory/verdict-text.ts';
import type { UnknownFigure } from './plan.ts';

const EN: Record<UnknownFigure, (card: string) => string> = {
  price: (card) => `Capex, TCO and cost per 1M tokens unknown: no price for ${card} — enter a quote in the card catalog or load a price list`,
  tdp: (card) => `Power, TCO and cost per 1M tokens unknown: no TDP for ${card} — enter it in the card catalog`,
  bandwidth: (card) => `Speed unknown: no memory bandwidth for ${card} — enter it in the card catalog`,
  compute: (card) => `Time to first token (and an encoder's speed) unknown: no dense FP16/BF16 peak for ${card} — enter it in the card catalog`,
};

const ZH: Record<UnknownFigure, (card: string) => string> = {
  price: (card) => `采购成本、TCO 和每百万 Token 成本未知：${card} 没有价格——请在加速卡目录中填写报价，或导入价格表`,
  tdp: (card) => `电费、TCO 和每百万 Token 成本未知：${card} 没有 TDP——请在加速卡目录中填写`,
  bandwidth: (card) => `速度未知：${card} 没有显存带宽——请在加速卡目录中填写`,
  compute: (card) => `首 Token 时延（及向量模型速度）未知：${card} 没有稠密 FP16/BF16 算力——请在加速卡目录中填写`,
};

/**
 * @example unknownSentence('tdp', card('huawei-ascend-910c'), 'en')
 * // "Power, TCO and cost per 1M tokens unknown: no TDP for Ascend 910C (huawei-ascend-910c) — enter it in the card catalog"
 */
export function unknownSentence(figure: UnknownFigure, card: Pick<CardSpec, 'id' | 'name' | 'nameZh'>, language: Language): string {
  const zh = language === 'zh-CN';
  const name = `${zh && card.nameZh ? card.nameZh : card.name} (${card.id})`;
  return (zh ? ZH : EN)[figure](name);
}

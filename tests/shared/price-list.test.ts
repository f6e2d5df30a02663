import { describe, expect, it } from 'vitest';
import { BUILTIN_CARD_SPECS } from '../../shared/catalog/card-specs.ts';
import { matchItem, parsePrice, parsePriceList } from '../../shared/catalog/price-list.ts';

const cards = BUILTIN_CARD_SPECS;

describe('a price as people write it', () => {
  it.each([
    ['95000', 95_000, null],
    ['95,000.00', 95_000, null],
    ['¥95,000', 95_000, 'CNY'],
    ['￥9.5万', 95_000, 'CNY'], // 万 = 10⁴
    ['$12,000', 12_000, 'USD'],
    ['12000 USD', 12_000, 'USD'],
    ['€8000', 8_000, 'EUR'],
  ])('%s → %d %s', (raw, amount, currency) => {
    expect(parsePrice(raw)).toEqual({ amount, currency });
  });

  it.each([
    ['面议', 'unit price "面议" is not a number'],
    ['-5', 'unit price must be positive (got -5)'],
    ['0', 'unit price must be positive (got 0)'],
    ['2亿', 'unit price "2亿" is not a number'],
    ['2000000000', 'unit price 2000000000 is above 10⁹: not the price of one card or server'],
  ])('%s is refused: %s', (raw, error) => {
    expect(parsePrice(raw)).toEqual({ error });
  });
});

describe('an item named as a vendor writes it', () => {
  it.each([
    ['huawei-ascend-910b', 'huawei-ascend-910b'],
    ['昇腾910B 64G', 'huawei-ascend-910b'],
    ['华为 昇腾 910B4 32GB', 'huawei-ascend-910b4'],
    ['英伟达 H20 96G', 'nvidia-h20-96gb'],
    ['RTX 4090 24G', 'nvidia-rtx-4090'],
    ['GeForce RTX 4090D', 'nvidia-rtx-4090d'],
    ['H100 SXM5 80GB', 'nvidia-h100-sxm5-80gb'],
    ['A100 40GB PCIe', 'nvidia-a100-pcie-40gb'],
    ['海光 K100-AI', 'hygon-dcu-k100-ai'],
    ['沐曦 C500', 'metax-c500'],
    ['寒武纪 MLU590', 'cambricon-mlu590'],
    ['昆仑芯 P800', 'kunlunxin-p800'],
  ])('%s → %s', (text, id) => {
    expect(matchItem(text, cards)).toEqual({ cardId: id });
  });

  it('a server says which cards it takes', () => {
    expect(matchItem('Atlas 800T A2 服务器 8卡（不含卡）', cards)).toEqual({ serverClass: 'baseboard' });
    expect(matchItem('4U PCIe server, 8 slots', cards)).toEqual({ serverClass: 'pcie' });
    expect(matchItem('GPU 服务器', cards)).toEqual({ error: '"GPU 服务器" is a server: say whether it takes PCIe cards ("PCIe server") or a baseboard ("HGX/OAM/SXM server")' });
  });

  it('an ambiguous or unknown name is refused with what to write', () => {
    expect(matchItem('A100 80GB', cards)).toEqual({ error: '"A100 80GB" could be A100 80GB SXM4 or A100 80GB PCIe: write the card id (nvidia-a100-sxm4-80gb, nvidia-a100-pcie-80gb)' });
    expect(matchItem('XPU-9000 超算卡', cards)).toEqual({ error: 'unknown card "XPU-9000 超算卡": no catalog card matches; write its id (see cardplan cards)' });
  });
});

describe('a price list with bad rows', () => {
  const rows = [
    ['型号', '单价', '币种', '报价日期'],
    ['昇腾910B 64G', '95000', 'CNY', '2026年11月'],
    ['英伟达 H20 96G', '$13,000', '', '2026/11/18'],
    ['沐曦 C500', '68000', '', ''],
    ['英伟达 H20 96G', '98000', 'CNY', ''],
    ['', '', '', ''],
    ['昇腾910B 64G', '12000', 'XYZ', ''],
  ];
  it('keeps the good rows and names each bad one by its line', () => {
    const parsed = parsePriceList(rows, cards);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.items.map((i) => [i.line, i.cardId, i.unitPrice, i.currency, i.date])).toEqual([
      [2, 'huawei-ascend-910b', 95_000, 'CNY', '2026-11'],
      [3, 'nvidia-h20-96gb', 13_000, 'USD', '2026-11-18'],
    ]);
    expect(parsed.bad).toEqual([
      { line: 4, item: '沐曦 C500', reason: 'no currency: give CNY, USD or EUR (a currency column, or ¥/$/€ in the price)' },
      { line: 5, item: '英伟达 H20 96G', reason: 'currency CNY differs from line 3 (USD) for the same item' },
      { line: 7, item: '昇腾910B 64G', reason: 'currency "XYZ" is not CNY, USD or EUR' },
    ]);
  });

  it('a sheet without a price column is one message', () => {
    expect(parsePriceList([['card', 'notes'], ['H20', 'cheap']], cards)).toEqual({
      error: 'no header row with an item column (card, model, 型号 …) and a price column (unit price, 单价 …) in the first 20 rows',
    });
  });
});

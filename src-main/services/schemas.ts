/**
 * Request schemas (valibot): the shapes the renderer may send. Ranges and meaning (positive
 * counts, fractions in (0, 1], context limits, valid splits) are checked by the sizing core and
 * the services, whose messages name the field and what is allowed.
 */
import * as v from 'valibot';
import { ENGINES } from '../../shared/memory/engines.ts';
import { KV_DTYPES, WEIGHT_FORMATS } from '../../shared/memory/precision.ts';
import { MODES, SIZING_METHODS } from '../../shared/memory/size.ts';
import { LORA_TARGETS } from '../../shared/memory/training.ts';
import { WORKLOAD_KINDS } from '../../shared/model/spec.ts';
import { TRANSFORMERS_ATTENTION } from '../../shared/memory/transformers.ts';
import { PRICE_POINTS } from '../../shared/plan/price-point.ts';

// Shapes only: ranges (positive counts, fractions in (0, 1], context limits) are checked by the
// sizing core itself, whose messages name the field and what is allowed.
export const count = v.pipe(v.number(), v.safeInteger('Invalid number: expected a positive integer'), v.minValue(1, 'Invalid number: expected a positive integer'));
export const finite = v.pipe(v.number(), v.finite('Invalid number: expected a finite number'));
export const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
export const oneOf = <T extends readonly string[]>(values: T) => v.picklist(values, `Invalid option: expected one of ${values.map((x) => `"${x}"`).join('|')}`);

export const workloadSchema = v.strictObject({
  kind: v.optional(oneOf(WORKLOAD_KINDS)),
  weights: v.optional(oneOf(WEIGHT_FORMATS)),
  kvDtype: v.optional(oneOf(KV_DTYPES)),
  contextTokens: v.optional(count),
  promptTokens: v.optional(count),
  outputTokens: v.optional(count),
  ttftTargetMs: v.optional(finite),
  tpotTargetMs: v.optional(finite),
  concurrency: v.optional(count),
  mode: v.optional(oneOf(MODES)),
  engine: v.optional(oneOf(ENGINES)),
  engineVersion: v.optional(text(20)),
  method: v.optional(oneOf(SIZING_METHODS)),
  gpuMemoryUtilization: v.optional(finite),
  memFractionStatic: v.optional(finite),
  safetyBufferFraction: v.optional(finite),
  forceContext: v.optional(v.boolean()),
  zeroStage: v.optional(v.picklist([0, 1, 2, 3], 'Invalid option: expected 0, 1, 2 or 3')),
  dataParallel: v.optional(count),
  loraRank: v.optional(count),
  loraTargets: v.optional(oneOf(LORA_TARGETS)),
  activationCheckpointing: v.optional(v.boolean()),
  minTokensPerSecondPerUser: v.optional(finite),
  attention: v.optional(oneOf(TRANSFORMERS_ATTENTION)),
  prefillChunkTokens: v.optional(count),
});

export const manualFieldsSchema = v.strictObject({
  params: count,
  activeParams: v.optional(count),
  layers: count,
  heads: count,
  kvHeads: count,
  headDim: count,
  hiddenSize: v.optional(count),
  intermediateSize: v.optional(count),
  vocabSize: v.optional(count),
  maxContextTokens: v.optional(count),
});

export const modelSchema = v.union([
  v.strictObject({ id: text(200) }),
  v.strictObject({ stored: text(100) }),
  v.strictObject({ config: v.record(v.string(), v.unknown()), name: v.optional(v.pipe(v.string(), v.maxLength(200))), exactWeightBytes: v.optional(v.nullable(count)) }),
  v.strictObject({ manual: manualFieldsSchema }),
], 'Invalid model: expected { id }, { stored }, { config, name?, exactWeightBytes? } or { manual: { params, layers, heads, kvHeads, headDim, … } }');



const currency = oneOf(['CNY', 'USD', 'EUR'] as const);
const TAX_RATE = 'Invalid tax rate: expected a fraction from 0 to 1 (0.13 = 13%)';
const DISCOUNT = 'Invalid discount: expected a fraction from 0 to below 1 (0.05 = 5%)';
export const taxRate = v.pipe(v.number(), v.finite(), v.minValue(0, TAX_RATE), v.maxValue(1, TAX_RATE));
export const discount = v.pipe(v.number(), v.finite(), v.minValue(0, DISCOUNT), v.ltValue(1, DISCOUNT));

export const projectFieldsSchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Invalid name: must not be empty'), v.maxLength(200, 'Invalid name: at most 200 characters')),
  client: v.optional(v.pipe(v.string(), v.maxLength(200))),
  notes: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
  currency: v.optional(currency),
  pricePoint: v.optional(oneOf(PRICE_POINTS)),
  taxRate: v.optional(v.nullable(taxRate)),
  discountFraction: v.optional(v.nullable(discount)),
});

export const projectPatchSchema = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'Invalid name: must not be empty'), v.maxLength(200))),
  client: v.optional(v.pipe(v.string(), v.maxLength(200))),
  notes: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
  currency: v.optional(currency),
  priceListId: v.optional(v.nullable(text(100))),
  pricePoint: v.optional(oneOf(PRICE_POINTS)),
  taxRate: v.optional(v.nullable(taxRate)),
  discountFraction: v.optional(v.nullable(discount)),
});

export const chosenSchema = v.strictObject({ card: text(200), tp: v.pipe(count, v.maxValue(1024)), pp: v.pipe(count, v.maxValue(1024)), replicas: v.pipe(count, v.maxValue(100_000)) });

export const workloadInputFields = {
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'Invalid name: must not be empty'), v.maxLength(200)),
  workload: workloadSchema,
  targetTokensPerSecond: v.optional(v.nullable(v.pipe(finite, v.gtValue(0, 'Invalid number: expected a positive number')))),
  chosen: v.optional(v.nullable(chosenSchema)),
};

export const workloadInputSchema = v.strictObject({
  ...workloadInputFields,
  model: v.union([v.strictObject({ builtin: text(200) }), v.strictObject({ stored: text(100) })], 'Invalid model: expected { builtin } or { stored }'),
});

export const modelInputSchema = v.strictObject({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  config: v.optional(v.record(v.string(), v.unknown())),
  manual: v.optional(manualFieldsSchema),
  exactWeightBytes: v.optional(v.nullable(count)),
});

export const idSchema = text(100);

const amount = (max: number) => v.nullable(v.pipe(v.number(), v.finite(), v.gtValue(0, 'Invalid number: expected a positive number'), v.maxValue(max)));

export const cardOverrideSchema = v.strictObject({
  name: v.optional(text(200)),
  vendor: v.optional(text(100)),
  domestic: v.optional(v.boolean()),
  memoryGib: v.optional(amount(100_000)),
  usableGib: v.optional(amount(100_000)),
  bandwidthGBps: v.optional(amount(1e6)),
  bf16Tflops: v.optional(amount(1e6)),
  fp16Tflops: v.optional(amount(1e6)),
  fp8Tflops: v.optional(amount(1e6)),
  int8Tops: v.optional(amount(1e6)),
  fp8Supported: v.optional(v.nullable(v.boolean())),
  tdpWatts: v.optional(amount(100_000)),
  perServer: v.optional(v.nullable(v.pipe(count, v.maxValue(1024)))),
  price: v.optional(
    v.nullable(
      v.strictObject({
        amount: v.pipe(v.number(), v.finite(), v.gtValue(0, 'Invalid number: expected a positive price')),
        low: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0, 'Invalid number: expected a positive price'))),
        high: v.optional(v.pipe(v.number(), v.finite(), v.gtValue(0, 'Invalid number: expected a positive price'))),
        currency: oneOf(['CNY', 'USD', 'EUR'] as const),
        date: v.nullable(v.pipe(v.string(), v.maxLength(40))),
        source: text(500),
      }),
    ),
  ),
});

/**
 * The outcome set a commissioner builds from a consultation's aggregated result
 * (methods §4): the whole framework of one version as one document, validated
 * with zod wherever it crosses a boundary (form input, database read). Pure.
 */
import { z } from "zod";

export const OUTCOME_SET_STATUSES = ["draft", "proposed", "agreed"] as const;
export type OutcomeSetStatus = (typeof OUTCOME_SET_STATUSES)[number];

export const FREQUENCIES = ["monthly", "quarterly", "six-monthly", "annually"] as const;
/** INDIGO's outcome validation methods (Government Outcomes Lab data standard). */
export const VALIDATION_METHODS = [
  "randomised-control-trial",
  "quasi-experimental",
  "historical-comparison",
  "pre-post",
  "simple-ex-post-verification",
] as const;
export const CONSENSUS = ["in", "out", "none"] as const;

/** Default margin, in percentage points, beyond which a final weight needs a reason. */
export const DEFAULT_WEIGHT_MARGIN = 5;

/** Control characters other than tab and newlines, refused in every text field (they are invisible and break exports). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number, key: string, required = true) =>
  z
    .string({ error: key })
    .transform((s) => s.trim())
    .refine((s) => !required || s.length > 0, key)
    .refine((s) => s.length <= max, key)
    .refine((s) => !CONTROL.test(s), key);
const isoDate = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, key)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && d.getUTCFullYear() >= 1990 && d.getUTCFullYear() <= 2100;
    }, key);
const decimal = (key: string) =>
  z
    .string({ error: key })
    .trim()
    .regex(/^-?\d{1,12}(\.\d{1,6})?$/, key)
    .transform(Number);

/** One measure attached to an outcome. Error messages are keys under `errors.indicator.` in the commissioner namespace. */
export const indicatorInput = z
  .object({
    name: text(200, "indicator.name"),
    definition: text(2000, "indicator.definition"),
    numerator: text(500, "indicator.numerator", false),
    denominator: text(500, "indicator.denominator", false),
    dataSource: text(300, "indicator.dataSource"),
    baselineValue: decimal("indicator.baselineValue"),
    baselineDate: isoDate("indicator.baselineDate"),
    targetValue: decimal("indicator.targetValue"),
    targetDate: isoDate("indicator.targetDate"),
    frequency: z.enum(FREQUENCIES, { error: "indicator.frequency" }),
    validationMethod: z.enum(VALIDATION_METHODS, { error: "indicator.validationMethod" }),
    nationalMeasure: text(200, "indicator.nationalMeasure", false),
  })
  .refine((i) => i.targetDate > i.baselineDate, { path: ["targetDate"], message: "indicator.targetAfterBaseline" });
export const INDICATOR_FIELDS = [
  "name",
  "definition",
  "numerator",
  "denominator",
  "dataSource",
  "baselineValue",
  "baselineDate",
  "targetValue",
  "targetDate",
  "frequency",
  "validationMethod",
  "nationalMeasure",
] as const;

export const indicatorSchema = z.object({
  name: z.string(),
  definition: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  dataSource: z.string(),
  baselineValue: z.number(),
  baselineDate: z.string(),
  targetValue: z.number(),
  targetDate: z.string(),
  frequency: z.enum(FREQUENCIES),
  validationMethod: z.enum(VALIDATION_METHODS),
  nationalMeasure: z.string(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const evidenceSchema = z.object({
  rank: z.number().int(),
  /** Weighted % scoring 7–9 (0–100), the priority score. */
  priority: z.number().nullable(),
  percentCritical: z.number().nullable(),
  ci95: z.object({ lower: z.number(), upper: z.number() }).nullable(),
  consensus: z.enum(CONSENSUS),
  n: z.number().int(),
  nUnable: z.number().int(),
  median: z.number().nullable(),
  /** The engine's proposed weight (consensus-in outcomes only), %. */
  proposedWeight: z.number(),
  /**
   * The deciding round: the last round the outcome was rated in, whose figures these are
   * (methods §4, "Across rounds"). Absent in sets started before rounds were combined, which
   * came from one round (the basis's).
   */
  round: z.number().int().optional(),
  /** Every round the outcome was rated in, with its weighted % critical and consensus there. */
  history: z
    .array(
      z.object({
        round: z.number().int(),
        n: z.number().int(),
        percentCritical: z.number().nullable(),
        ci95: z.object({ lower: z.number(), upper: z.number() }).nullable(),
        median: z.number().nullable(),
        consensus: z.enum(CONSENSUS),
        change: z.number().nullable(),
      }),
    )
    .optional(),
});
export type Evidence = z.infer<typeof evidenceSchema>;

export const outcomeEntrySchema = z.object({
  outcomeId: z.number().int(),
  code: z.string(),
  domainCode: z.string(),
  domainName: z.string(),
  domainPosition: z.number().int(),
  /** The citizens' wording (as rated), kept alongside any rewording. */
  citizenStatement: z.string(),
  statement: z.string(),
  included: z.boolean(),
  /** Why it departs from consensus (excluded though "in", or included though "out"). */
  inclusionReason: z.string(),
  /** Order within its domain, 0-based. */
  position: z.number().int(),
  evidence: evidenceSchema,
  /** Final share of the incentive payment, %, two decimals; null until set. */
  finalWeight: z.number().nullable(),
  weightReason: z.string(),
  indicators: z.array(indicatorSchema),
});
export type OutcomeEntry = z.infer<typeof outcomeEntrySchema>;

/** One round's calculation that a study-level outcome set was built from. */
export const roundBasisSchema = z.object({
  roundId: z.number().int(),
  roundNumber: z.number().int(),
  resultVersion: z.number().int(),
  responseCount: z.number().int(),
  computedAt: z.string(),
  method: z.object({ name: z.string(), version: z.string(), parameters: z.record(z.string(), z.unknown()) }),
  weighting: z.object({ deff: z.number(), nEff: z.number(), iterations: z.number(), converged: z.boolean() }).nullable(),
  marginsName: z.string().nullable(),
});
export type RoundBasis = z.infer<typeof roundBasisSchema>;

/**
 * What the set was built from. The top-level fields describe the latest round's calculation
 * (as in sets built from one round); `rounds` lists every round's (methods §4).
 */
export const basisSchema = roundBasisSchema.extend({ rounds: z.array(roundBasisSchema).optional() });
export type Basis = z.infer<typeof basisSchema>;

export const contentSchema = z.object({
  basis: basisSchema,
  weightMargin: z.number(),
  /** Optional total incentive pot, in pence. */
  incentivePotPence: z.number().int().nullable(),
  outcomes: z.array(outcomeEntrySchema),
});
export type OutcomeSetContent = z.infer<typeof contentSchema>;

/** Outcomes in display order: domains by position, then position within the domain. */
export function ordered(outcomes: readonly OutcomeEntry[]): OutcomeEntry[] {
  return [...outcomes].sort((a, b) => a.domainPosition - b.domainPosition || a.domainCode.localeCompare(b.domainCode) || a.position - b.position);
}

/** The rounds a set was built from: `basis.rounds`, or the one round of a set started before rounds were combined. */
export function basisRounds(basis: Basis): RoundBasis[] {
  if (basis.rounds?.length) return basis.rounds;
  const { rounds: _rounds, ...one } = basis;
  return [one];
}

/** The round an outcome's figures come from. */
export function decidingRound(o: Pick<OutcomeEntry, "evidence">, basis: Basis): number {
  return o.evidence.round ?? basis.roundNumber;
}

/**
 * One export model for every format (JSON, CSV, XLSX, the printable schedule),
 * so they carry the same content; plus the mapping to the INDIGO data standard
 * for outcomes contracts (docs/indigo-mapping.md). Pure.
 */
import { csvField } from "../csv";
import { basisRounds, decidingRound, INDICATOR_FIELDS, ordered, type Indicator, type OutcomeSetContent, type OutcomeSetStatus } from "./content";
import { amountsPence, citizenWeights } from "./rules";

/** An indicator's fields as export cells, in the order every export lists them (INDICATOR_FIELDS). */
export function indicatorCells(i: Indicator): Array<string | number | null> {
  return INDICATOR_FIELDS.map((f) => i[f]);
}

export const EXPORT_FORMAT_VERSION = "1.0";
export const DRAFT_WATERMARK = "DRAFT – not agreed";

export interface ExportContext {
  consultation: { slug: string; title: string };
  partnership: string;
  version: number;
  status: OutcomeSetStatus;
  createdAt: string;
  createdBy: string;
  changeReason: string;
  proposedAt: string | null;
  agreedAt: string | null;
  signatures: Array<{ organisation: string; signer: string | null; signedAt: string | null }>;
  rounds: number[];
  generatedAt: string;
}

export interface ExportOutcome {
  code: string;
  domain: string;
  order: number;
  statement: string;
  citizenStatement: string;
  included: boolean;
  inclusionReason: string;
  consensus: "in" | "out" | "none";
  /** The round these figures come from: the last round the outcome was rated in. */
  round: number;
  /** Every round the outcome was rated in (methods §4, "Across rounds"). */
  history: Array<{ round: number; responses: number; percentCritical: number | null; consensus: "in" | "out" | "none" }>;
  percentCritical: number | null;
  ci95: { lower: number; upper: number } | null;
  priority: number | null;
  rank: number;
  responses: number;
  citizenWeight: number | null;
  finalWeight: number | null;
  weightReason: string;
  /** Share of the incentive pot, pounds (two decimals); null without a pot or when excluded. */
  amount: number | null;
  indicators: Indicator[];
}

export interface ExportDocument {
  format: "outcomes-codesign/outcome-set";
  formatVersion: string;
  watermark: string | null;
  outcomeSet: ExportContext & { weightMargin: number };
  incentivePot: { currency: "GBP"; amount: number } | null;
  method: {
    name: string;
    version: string;
    parameters: Record<string, unknown>;
    round: number;
    resultVersion: number;
    responseCount: number;
    computedAt: string;
    weighting: { marginsName: string | null; deff: number; nEff: number; iterations: number; converged: boolean } | null;
    /** Every round's calculation the set was built from (the fields above are the latest round's). */
    rounds: Array<{
      round: number;
      resultVersion: number;
      responseCount: number;
      computedAt: string;
      name: string;
      version: string;
      parameters: Record<string, unknown>;
      weighting: { marginsName: string | null; deff: number; nEff: number; iterations: number; converged: boolean } | null;
    }>;
  };
  outcomes: ExportOutcome[];
}

const round = (x: number | null, digits: number) => (x === null ? null : Number(x.toFixed(digits)));

export function exportDocument(content: OutcomeSetContent, context: ExportContext): ExportDocument {
  const citizen = citizenWeights(content);
  const amounts = amountsPence(content);
  return {
    format: "outcomes-codesign/outcome-set",
    formatVersion: EXPORT_FORMAT_VERSION,
    watermark: context.status === "agreed" ? null : DRAFT_WATERMARK,
    outcomeSet: { ...context, weightMargin: content.weightMargin },
    incentivePot: content.incentivePotPence === null ? null : { currency: "GBP", amount: content.incentivePotPence / 100 },
    method: {
      name: content.basis.method.name,
      version: content.basis.method.version,
      parameters: content.basis.method.parameters,
      round: content.basis.roundNumber,
      resultVersion: content.basis.resultVersion,
      responseCount: content.basis.responseCount,
      computedAt: content.basis.computedAt,
      weighting: content.basis.weighting ? { marginsName: content.basis.marginsName, ...content.basis.weighting } : null,
      rounds: basisRounds(content.basis).map((b) => ({
        round: b.roundNumber,
        resultVersion: b.resultVersion,
        responseCount: b.responseCount,
        computedAt: b.computedAt,
        name: b.method.name,
        version: b.method.version,
        parameters: b.method.parameters,
        weighting: b.weighting ? { marginsName: b.marginsName, ...b.weighting } : null,
      })),
    },
    outcomes: ordered(content.outcomes).map((o, k) => ({
      code: o.code,
      domain: o.domainName,
      order: k + 1,
      statement: o.statement,
      citizenStatement: o.citizenStatement,
      included: o.included,
      inclusionReason: o.inclusionReason,
      consensus: o.evidence.consensus,
      round: decidingRound(o, content.basis),
      history: (
        o.evidence.history ?? [
          { round: decidingRound(o, content.basis), n: o.evidence.n, percentCritical: o.evidence.percentCritical, consensus: o.evidence.consensus },
        ]
      ).map((h) => ({
        round: h.round,
        responses: h.n,
        percentCritical: round(h.percentCritical, 2),
        consensus: h.consensus,
      })),
      percentCritical: round(o.evidence.percentCritical, 2),
      ci95: o.evidence.ci95 ? { lower: round(o.evidence.ci95.lower, 2)!, upper: round(o.evidence.ci95.upper, 2)! } : null,
      priority: round(o.evidence.priority, 2),
      rank: o.evidence.rank,
      responses: o.evidence.n,
      citizenWeight: o.included ? (citizen.get(o.code) ?? 0) : null,
      finalWeight: o.included ? o.finalWeight : null,
      weightReason: o.weightReason,
      amount: amounts.has(o.code) ? amounts.get(o.code)! / 100 : null,
      indicators: o.included ? o.indicators : [],
    })),
  };
}

/** The JSON export in pieces (one per outcome), for a streamed response. */
export function* jsonChunks(doc: ExportDocument): Generator<string> {
  const { outcomes, ...head } = doc;
  const opening = JSON.stringify(head, null, 2);
  yield `${opening.slice(0, -2)},\n  "outcomes": [`;
  for (let k = 0; k < outcomes.length; k++) {
    yield `${k === 0 ? "\n" : ",\n"}    ${JSON.stringify(outcomes[k])}`;
  }
  yield "\n  ]\n}\n";
}

export const CSV_HEADER = [
  "watermark",
  "consultation",
  "version",
  "status",
  "order",
  "domain",
  "code",
  "statement",
  "citizen_statement",
  "included",
  "inclusion_reason",
  "consensus",
  "decided_in_round",
  "percent_critical_by_round",
  "percent_critical",
  "ci95_lower",
  "ci95_upper",
  "citizen_weight",
  "final_weight",
  "weight_reason",
  "amount_gbp",
  "indicator",
  "indicator_name",
  "definition",
  "numerator",
  "denominator",
  "data_source",
  "baseline_value",
  "baseline_date",
  "target_value",
  "target_date",
  "reporting_frequency",
  "validation_method",
  "national_measure",
  "method",
  "engine_version",
  "round",
  "result_version",
  "responses",
];

type Cell = string | number | null;

/** CSV records: one per outcome and indicator (an outcome without indicators has one record). */
export function* csvRecords(doc: ExportDocument): Generator<Cell[]> {
  const set = doc.outcomeSet;
  for (const o of doc.outcomes) {
    const base: Cell[] = [
      doc.watermark ?? "",
      set.consultation.title,
      set.version,
      set.status,
      o.order,
      o.domain,
      o.code,
      o.statement,
      o.citizenStatement,
      o.included ? "yes" : "no",
      o.inclusionReason,
      o.consensus,
      o.round,
      o.history.map((h) => `${h.round}: ${h.percentCritical ?? "–"}`).join("; "),
      o.percentCritical,
      o.ci95?.lower ?? null,
      o.ci95?.upper ?? null,
      o.citizenWeight === null ? null : o.citizenWeight.toFixed(2),
      o.finalWeight === null ? null : o.finalWeight.toFixed(2),
      o.weightReason,
      o.amount === null ? null : o.amount.toFixed(2),
    ];
    const tail: Cell[] = [doc.method.name, doc.method.version, doc.method.round, doc.method.resultVersion, doc.method.responseCount];
    const indicators = o.indicators.length ? o.indicators : [null];
    for (let k = 0; k < indicators.length; k++) {
      const i = indicators[k];
      yield [...base, i ? k + 1 : null, ...(i ? indicatorCells(i) : Array<Cell>(INDICATOR_FIELDS.length).fill(null)), ...tail];
    }
  }
}

/** The CSV export in pieces: a UTF-8 byte order mark and header, then one record at a time (RFC 4180, formula-safe). */
export function* csvChunks(doc: ExportDocument): Generator<string> {
  yield `\uFEFF${CSV_HEADER.map(csvField).join(",")}\r\n`;
  for (const record of csvRecords(doc)) yield `${record.map(csvField).join(",")}\r\n`;
}

// ── INDIGO (Government Outcomes Lab) ─────────────────────────────────────────
const VALIDATION_LABELS: Record<Indicator["validationMethod"], string> = {
  "randomised-control-trial": "Randomised Control Trial",
  "quasi-experimental": "Quasi-experimental study",
  "historical-comparison": "Historical comparison",
  "pre-post": "Pre-Post analysis",
  "simple-ex-post-verification": "Simple ex-post verification",
};
const v = (value: string | number) => ({ value });

/** The INDIGO data standard version the export is written to (docs/schemas/indigo-4.1.0/). */
export const INDIGO_STANDARD_VERSION = "4.1.0";

/**
 * The outcome set as an INDIGO **pipeline** record (decision 0028): a contract still being
 * designed is not yet an INDIGO project, whose stages start at "Contracted". Every field is a
 * field of the standard's `schema/pipeline.json` with its type and allowed values: one
 * `outcome_metrics` entry per included outcome (id = outcome code; definition, target,
 * validation method and data source from its indicators; weight and share of the pot in its
 * notes, because a pipeline has no prices), the pot as the estimated maximum potential outcome
 * payment, the stage "Late stage" once agreed ("Early stage" before), and the draft mark in
 * `notes`. Values use INDIGO's `{ "value": … }` wrapper.
 */
export function toIndigo(doc: ExportDocument) {
  const included = doc.outcomes.filter((o) => o.included);
  const joined = (o: ExportOutcome, f: (i: Indicator) => string) => [...new Set(o.indicators.map(f).filter(Boolean))].join("; ");
  const set = doc.outcomeSet;
  const status = doc.watermark
    ? `${doc.watermark}: outcome set version ${set.version} (${set.status}) may still change.`
    : `Outcome set version ${set.version} agreed${set.agreedAt ? ` on ${set.agreedAt.slice(0, 10)}` : ""} by ${set.signatures.map((s) => s.organisation).join(", ") || set.partnership}.`;
  return {
    name: v(`${set.consultation.title} – outcome set version ${set.version}`),
    state_development: { state: v("Current") },
    stage_development: { stage: v(set.status === "agreed" ? "Late stage" : "Early stage") },
    notes: v(`${status} Co-designed with citizens (${set.partnership}); mapping to INDIGO ${INDIGO_STANDARD_VERSION} in docs/indigo-mapping.md.`),
    purpose_and_classifications: { policy_sector: { health: v("Yes") } },
    ...(doc.incentivePot
      ? { overall_project_finance: { maximum_potential_outcome_payment_v2: { currency: v("GBP"), amount: v(doc.incentivePot.amount) } } }
      : {}),
    // The standard requires at least one metric when the list is given: a set with nothing included leaves it out.
    ...(included.length
      ? {
          outcome_metrics: included.map((o) => ({
            id: o.code,
            definition: v(`${o.statement} Measured by: ${o.indicators.map((i) => `${i.name} (${i.definition})`).join("; ")}`),
            outcome_metric_target: v(joined(o, (i) => `${i.name}: from ${i.baselineValue} (${i.baselineDate}) to ${i.targetValue} by ${i.targetDate}`)),
            outcome_validation_method: v(joined(o, (i) => VALIDATION_LABELS[i.validationMethod])),
            data_source_for_outcome_validation: v(joined(o, (i) => i.dataSource)),
            policy_sector: v("Health"),
            notes: [
              `Domain: ${o.domain}.`,
              `Citizens' wording: ${o.citizenStatement}.`,
              `Reporting: ${joined(o, (i) => i.frequency)}.`,
              joined(o, (i) => i.nationalMeasure) ? `National measure: ${joined(o, (i) => i.nationalMeasure)}.` : "",
              `Weight: ${o.finalWeight!.toFixed(2)}% of the incentive payment.`,
              o.amount === null ? "" : `Maximum price if all targets achieved: GBP ${o.amount.toFixed(2)}.`,
            ]
              .filter(Boolean)
              .join(" "),
          })),
        }
      : {}),
  };
}

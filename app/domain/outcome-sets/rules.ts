/**
 * Rules for building, weighting and agreeing an outcome set. Pure: every
 * function takes the current content and returns new content or problems.
 */
import { largestRemainder, roundsOf, studyResult, type AggregateResult, type StudyResult } from "../aggregation";
import { DEFAULT_WEIGHT_MARGIN, ordered, type Indicator, type OutcomeEntry, type OutcomeSetContent, type OutcomeSetStatus } from "./content";

export type Problems = Record<string, string>;
export type Edit = { ok: true; content: OutcomeSetContent } | { ok: false; errors: Problems };

/** An edit's problems as the translation keys pages show them (under `errors.` in the commissioner namespace). */
export function problemKeys(problems: Problems): Record<string, string> {
  return Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, `errors.${key}`]));
}

export interface CatalogueOutcome {
  id: number;
  code: string;
  statement: string;
  domainCode: string;
  domainName: string;
  domainPosition: number;
}

/** Thrown when a rule of the agreement is broken (a programming or concurrency error, never user input). */
export class OutcomeSetError extends Error {
  constructor(readonly code: "immutable" | "not-proposed" | "not-signatory" | "already-signed" | "not-draft" | "working-version-exists" | "not-ready") {
    super(`outcome set: ${code}`);
    this.name = "OutcomeSetError";
  }
}

/**
 * The starting framework from the study-level result (methods §4, "Across rounds"): every
 * outcome rated in any round with the evidence of the round that decided it, those with
 * consensus "in" included, ordered within each domain by priority, final weights equal to
 * the citizen-derived ones. An AggregateResult is read as a study of its rounds.
 */
export function initialContent(
  source: StudyResult | AggregateResult,
  basis: OutcomeSetContent["basis"],
  catalogue: readonly CatalogueOutcome[],
): OutcomeSetContent {
  const study = "outcomes" in source ? source : studyResult(roundsOf(source));
  const byCode = new Map(catalogue.map((c) => [c.code, c]));
  const entries = study.outcomes.filter((o) => byCode.has(o.code)).sort((a, b) => a.framework.rank - b.framework.rank);
  const positionInDomain = new Map<string, number>();
  const outcomes: OutcomeEntry[] = entries.map((entry) => {
    const c = byCode.get(entry.code)!;
    const item = entry.item;
    const position = positionInDomain.get(c.domainCode) ?? 0;
    positionInDomain.set(c.domainCode, position + 1);
    return {
      outcomeId: c.id,
      code: c.code,
      domainCode: c.domainCode,
      domainName: c.domainName,
      domainPosition: c.domainPosition,
      citizenStatement: c.statement,
      statement: c.statement,
      included: entry.framework.included,
      inclusionReason: "",
      position,
      evidence: {
        rank: entry.framework.rank,
        priority: entry.framework.priority,
        percentCritical: item.weightedPercentCritical,
        ci95: item.ci95,
        consensus: item.consensus,
        n: item.n,
        nUnable: item.nUnable,
        median: item.median,
        proposedWeight: entry.framework.proposedWeight,
        round: entry.round,
        history: entry.history.map((h) => ({
          round: h.round,
          n: h.n,
          percentCritical: h.percentCritical,
          ci95: h.ci95,
          median: h.median,
          consensus: h.consensus,
          change: h.change,
        })),
      },
      finalWeight: entry.framework.included ? entry.framework.proposedWeight : null,
      weightReason: "",
      indicators: [],
    };
  });
  return { basis, weightMargin: DEFAULT_WEIGHT_MARGIN, incentivePotPence: null, outcomes };
}

/** Including an outcome without consensus "in", or excluding one with it, departs from what citizens said. */
export function isDeparture(o: Pick<OutcomeEntry, "included" | "evidence">): boolean {
  return o.included ? o.evidence.consensus === "out" : o.evidence.consensus === "in";
}

/**
 * Citizen-derived weights for the outcomes currently included: shares of the
 * incentive payment proportional to priority (weighted % critical), exactly 100.00
 * in total (largest remainder), as methods §4 proposes them.
 */
export function citizenWeights(content: Pick<OutcomeSetContent, "outcomes">): Map<string, number> {
  const included = content.outcomes.filter((o) => o.included);
  const weights = largestRemainder(included.map((o) => Math.max(0, o.evidence.priority ?? 0)));
  return new Map(included.map((o, k) => [o.code, weights[k]]));
}

/** Pounds-and-pence amounts per included outcome that add up exactly to the pot. */
export function amountsPence(content: OutcomeSetContent): Map<string, number> {
  if (content.incentivePotPence === null) return new Map();
  const included = ordered(content.outcomes).filter((o) => o.included);
  const shares = largestRemainder(
    included.map((o) => o.finalWeight ?? 0),
    content.incentivePotPence,
    0,
  );
  return new Map(included.map((o, k) => [o.code, shares[k]]));
}

const hundredths = (w: number) => Math.round(w * 100);

function replace(content: OutcomeSetContent, code: string, change: (o: OutcomeEntry) => OutcomeEntry): OutcomeSetContent {
  return { ...content, outcomes: content.outcomes.map((o) => (o.code === code ? change(o) : o)) };
}

function find(content: OutcomeSetContent, code: string): OutcomeEntry | undefined {
  return content.outcomes.find((o) => o.code === code);
}

/**
 * Includes or excludes an outcome. A departure from consensus needs a written
 * reason; an excluded outcome carries no weight.
 */
export function setInclusion(content: OutcomeSetContent, code: string, included: boolean, reason: string): Edit {
  const o = find(content, code);
  if (!o) return { ok: false, errors: { included: "unknownOutcome" } };
  const reasonText = reason.trim();
  if (isDeparture({ included, evidence: o.evidence }) && reasonText.length === 0) {
    return { ok: false, errors: { inclusionReason: included ? "reasonToInclude" : "reasonToExclude" } };
  }
  return {
    ok: true,
    content: replace(content, code, (x) => ({
      ...x,
      included,
      inclusionReason: isDeparture({ included, evidence: x.evidence }) ? reasonText : "",
      finalWeight: included ? (x.included ? x.finalWeight : null) : null,
      weightReason: included ? x.weightReason : "",
    })),
  };
}

/** Rewords an outcome; the citizens' wording stays alongside. */
export function reword(content: OutcomeSetContent, code: string, statement: string): Edit {
  if (!find(content, code)) return { ok: false, errors: { statement: "unknownOutcome" } };
  const s = statement.trim();
  if (s.length === 0 || s.length > 500) return { ok: false, errors: { statement: "statement" } };
  return { ok: true, content: replace(content, code, (x) => ({ ...x, statement: s })) };
}

/** Moves an outcome one place up or down within its domain (no-op at either end). */
export function move(content: OutcomeSetContent, code: string, direction: "up" | "down"): Edit {
  const o = find(content, code);
  if (!o) return { ok: false, errors: { move: "unknownOutcome" } };
  const siblings = ordered(content.outcomes).filter((x) => x.domainCode === o.domainCode);
  const at = siblings.findIndex((x) => x.code === code);
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= siblings.length) return { ok: true, content };
  [siblings[at], siblings[to]] = [siblings[to], siblings[at]];
  const positions = new Map(siblings.map((x, k) => [x.code, k]));
  return { ok: true, content: { ...content, outcomes: content.outcomes.map((x) => (positions.has(x.code) ? { ...x, position: positions.get(x.code)! } : x)) } };
}

/** Adds (index = null) or replaces an indicator of an included outcome. */
export function putIndicator(content: OutcomeSetContent, code: string, index: number | null, indicator: Indicator): Edit {
  const o = find(content, code);
  if (!o) return { ok: false, errors: { name: "unknownOutcome" } };
  if (!o.included) return { ok: false, errors: { name: "indicatorOnExcluded" } };
  if (index !== null && (index < 0 || index >= o.indicators.length)) return { ok: false, errors: { name: "unknownIndicator" } };
  if (index === null && o.indicators.length >= 20) return { ok: false, errors: { name: "tooManyIndicators" } };
  const indicators = index === null ? [...o.indicators, indicator] : o.indicators.map((x, k) => (k === index ? indicator : x));
  return { ok: true, content: replace(content, code, (x) => ({ ...x, indicators })) };
}

export function removeIndicator(content: OutcomeSetContent, code: string, index: number): Edit {
  const o = find(content, code);
  if (!o || index < 0 || index >= o.indicators.length) return { ok: false, errors: { name: "unknownIndicator" } };
  return { ok: true, content: replace(content, code, (x) => ({ ...x, indicators: x.indicators.filter((_, k) => k !== index) })) };
}

export interface WeightsInput {
  /** Final weight per included outcome code, % (two decimals at most). */
  weights: Record<string, number>;
  reasons: Record<string, string>;
  /** Total incentive pot in pence, or null for none. */
  incentivePotPence: number | null;
  /** Margin in percentage points beyond which a difference needs a reason. */
  weightMargin: number;
}

/**
 * Sets the final weights: one per included outcome, totalling exactly 100.00;
 * a reason wherever a final weight differs from the citizen-derived one by more
 * than the margin. Errors are keyed `weight-<code>`, `reason-<code>`, `total`.
 */
export function setWeights(content: OutcomeSetContent, input: WeightsInput): Edit {
  const errors: Problems = {};
  const citizen = citizenWeights(content);
  const included = ordered(content.outcomes).filter((o) => o.included);
  let total = 0;
  for (const o of included) {
    const w = input.weights[o.code];
    if (w === undefined || !Number.isFinite(w) || w < 0 || w > 100 || Math.abs(hundredths(w) - w * 100) > 1e-6) {
      errors[`weight-${o.code}`] = "weight";
      continue;
    }
    total += hundredths(w);
    const reason = (input.reasons[o.code] ?? "").trim();
    if (Math.abs(w - (citizen.get(o.code) ?? 0)) > input.weightMargin + 1e-9 && reason.length === 0) errors[`reason-${o.code}`] = "weightReason";
  }
  if (Object.keys(errors).length === 0 && total !== 10000) errors.total = "weightTotal";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    content: {
      ...content,
      incentivePotPence: input.incentivePotPence,
      weightMargin: input.weightMargin,
      outcomes: content.outcomes.map((o) => {
        if (!o.included) return o;
        const finalWeight = hundredths(input.weights[o.code]) / 100;
        return { ...o, finalWeight, weightReason: (input.reasons[o.code] ?? "").trim() };
      }),
    },
  };
}

export interface Problem {
  key: "noneIncluded" | "departureReason" | "noIndicators" | "weightMissing" | "weightTotal" | "weightReason";
  code?: string;
  total?: number;
}

/** What stops a draft being proposed for agreement; empty when it is ready. */
export function proposalProblems(content: OutcomeSetContent): Problem[] {
  const problems: Problem[] = [];
  const included = ordered(content.outcomes).filter((o) => o.included);
  if (included.length === 0) return [{ key: "noneIncluded" }];
  const citizen = citizenWeights(content);
  for (const o of ordered(content.outcomes)) {
    if (isDeparture(o) && !o.inclusionReason.trim()) problems.push({ key: "departureReason", code: o.code });
  }
  for (const o of included) if (o.indicators.length === 0) problems.push({ key: "noIndicators", code: o.code });
  const missing = included.filter((o) => o.finalWeight === null);
  for (const o of missing) problems.push({ key: "weightMissing", code: o.code });
  if (missing.length === 0) {
    const total = included.reduce((a, o) => a + hundredths(o.finalWeight!), 0);
    if (total !== 10000) problems.push({ key: "weightTotal", total: total / 100 });
    for (const o of included) {
      if (Math.abs(o.finalWeight! - (citizen.get(o.code) ?? 0)) > content.weightMargin + 1e-9 && !o.weightReason.trim())
        problems.push({ key: "weightReason", code: o.code });
    }
  }
  return problems;
}

// ── Agreement: draft → proposed → agreed ─────────────────────────────────────

/** Only a draft can be edited; proposed must go back to draft first; agreed never changes. */
export function assertEditable(status: OutcomeSetStatus): void {
  if (status === "agreed") throw new OutcomeSetError("immutable");
  if (status !== "draft") throw new OutcomeSetError("not-draft");
}

/** Proposing needs a ready draft and at least one organisation to sign. */
export function canPropose(
  status: OutcomeSetStatus,
  content: OutcomeSetContent,
  requiredOrganisations: number,
): { ok: true } | { ok: false; reason: "not-draft" | "not-ready" | "no-signatories" } {
  if (status !== "draft") return { ok: false, reason: "not-draft" };
  if (proposalProblems(content).length > 0) return { ok: false, reason: "not-ready" };
  if (requiredOrganisations === 0) return { ok: false, reason: "no-signatories" };
  return { ok: true };
}

export interface SignatureState {
  organisationId: number;
  signedAt: Date | null;
}

/**
 * A commissioner signs for their own organisation only, once, while the set is
 * proposed. Returns whether this signature completes the agreement.
 */
export function sign(status: OutcomeSetStatus, signatures: readonly SignatureState[], signerOrganisationId: number | null): { agreed: boolean } {
  if (status === "agreed") throw new OutcomeSetError("immutable");
  if (status !== "proposed") throw new OutcomeSetError("not-proposed");
  const mine = signatures.find((s) => s.organisationId === signerOrganisationId);
  if (!mine || signerOrganisationId === null) throw new OutcomeSetError("not-signatory");
  if (mine.signedAt) throw new OutcomeSetError("already-signed");
  return { agreed: signatures.every((s) => s.organisationId === signerOrganisationId || s.signedAt !== null) };
}

/** A new version starts from the latest agreed one, only when no draft or proposed version is open. */
export function assertCanStartVersion(versions: ReadonlyArray<{ status: OutcomeSetStatus }>): void {
  if (versions.some((v) => v.status !== "agreed")) throw new OutcomeSetError("working-version-exists");
}

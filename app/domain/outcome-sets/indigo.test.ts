// The INDIGO export against the INDIGO data standard 4.1.0 (INDIGO-Initiative/indigo-data-standard,
// schema/pipeline.json and schema/project.json; docs/schemas/indigo-4.1.0/README.md, decision 0028).
import Ajv from "ajv";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DRAFT_WATERMARK, INDIGO_STANDARD_VERSION, toIndigo, type ExportDocument, type ExportOutcome } from "./index";
import { INDICATOR_ENTRY } from "../../../test/helpers/indicator";

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path.resolve("docs/schemas/indigo-4.1.0/pipeline-fields.schema.json"), "utf8")));

// INDIGO 4.1.0, restated by hand for the field-by-field checks below.
const PIPELINE_STAGES = ["Scoping", "Early stage", "Late stage", "Final negotiations"]; // pipeline.json stage_development.stage.value
const PIPELINE_STATES = ["Current", "Abandoned", "Launched"]; // pipeline.json state_development.state.value
const PROJECT_STAGES = ["Contracted", "Implementation", "Service delivery complete", "Complete"]; // project.json stage_development.value

const indicator = INDICATOR_ENTRY;

function outcome(code: string, included: boolean, finalWeight: number | null, amount: number | null, statement = `Outcome ${code}`): ExportOutcome {
  return {
    code,
    domain: "Joined-up care",
    order: 1,
    statement,
    citizenStatement: statement,
    included,
    inclusionReason: "",
    consensus: included ? "in" : "none",
    round: 1,
    history: [{ round: 1, responses: 20, percentCritical: 80, consensus: included ? "in" : "none" }],
    percentCritical: 80,
    ci95: { lower: 70, upper: 88 },
    priority: 80,
    rank: 1,
    responses: 20,
    citizenWeight: finalWeight,
    finalWeight,
    weightReason: "",
    amount,
    indicators: included ? [indicator] : [],
  };
}

function doc(status: "draft" | "agreed", outcomes: ExportOutcome[], pot: number | null): ExportDocument {
  return {
    format: "outcomes-codesign/outcome-set",
    formatVersion: "1",
    watermark: status === "agreed" ? null : DRAFT_WATERMARK,
    outcomeSet: {
      consultation: { slug: "s", title: "What matters to you?" },
      partnership: "South Nottinghamshire",
      version: 2,
      status,
      createdAt: "2026-11-01T00:00:00.000Z",
      createdBy: "Claire",
      changeReason: "",
      proposedAt: null,
      agreedAt: status === "agreed" ? "2026-11-30T10:00:00.000Z" : null,
      signatures: [{ organisation: "Nottinghamshire County Council", signer: "Claire", signedAt: null }],
      rounds: [1, 2],
      generatedAt: "2026-12-01T00:00:00.000Z",
      weightMargin: 5,
    },
    incentivePot: pot === null ? null : { currency: "GBP", amount: pot },
    method: {
      name: "comet",
      version: "1",
      parameters: {},
      round: 2,
      resultVersion: 1,
      responseCount: 20,
      computedAt: "2026-11-25T09:00:00.000Z",
      weighting: null,
      rounds: [],
    },
    outcomes,
  };
}

const agreed = doc("agreed", [outcome("H1", true, 60.5, 151250), outcome("C1", true, 39.5, 98750), outcome("X9", false, null, null)], 250000);
const draft = doc("draft", [outcome("H1", true, 100, null, '=cmd|" /C calc"!A0 \u202e "quoted"')], null);
const empty = doc("draft", [outcome("X9", false, null, null)], null);

describe(`INDIGO ${INDIGO_STANDARD_VERSION} pipeline record`, () => {
  it("cites the standard's version", () => expect(INDIGO_STANDARD_VERSION).toBe("4.1.0"));

  it.each([
    ["an agreed set with a pot", agreed],
    ["a draft without a pot, with hostile wording", draft],
    ["a draft with nothing included", empty],
  ])("%s is valid against the 4.1.0 pipeline fields (ajv)", (_, d) => {
    const record = JSON.parse(JSON.stringify(toIndigo(d)));
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it("the field schema is not a no-op: it refuses the old project stage, project-only fields and misplaced types", () => {
    const good = JSON.parse(JSON.stringify(toIndigo(agreed)));
    const cases = [
      { ...good, stage_development: { value: "Late-stage design" } },
      { ...good, stage_development: { stage: { value: "Late-stage design" } } },
      { ...good, outcome_pricings: [] },
      { ...good, watermark: null },
      { ...good, notes: "a string, not an object" },
      { ...good, outcome_metrics: [] },
      { ...good, overall_project_finance: { maximum_potential_outcome_payment_v2: { currency: { value: "GBP" }, amount: { value: "250000" } } } },
      { ...good, purpose_and_classifications: { policy_sector: { health: { value: "YES" } } } },
    ];
    for (const c of cases) expect(validate(c), JSON.stringify(c).slice(0, 120)).toBe(false);
  });

  it("every field has the 4.1.0 pipeline type and allowed value", () => {
    const r = toIndigo(agreed);
    expect(Object.keys(r).sort()).toEqual([
      "name",
      "notes",
      "outcome_metrics",
      "overall_project_finance",
      "purpose_and_classifications",
      "stage_development",
      "state_development",
    ]);
    expect(typeof r.name.value).toBe("string");
    expect(PIPELINE_STATES).toContain(r.state_development.state.value);
    expect(r.state_development.state.value).toBe("Current");
    expect(PIPELINE_STAGES).toContain(r.stage_development.stage.value);
    expect(r.stage_development.stage.value).toBe("Late stage");
    expect(PROJECT_STAGES).not.toContain(r.stage_development.stage.value);
    expect(r.purpose_and_classifications.policy_sector.health.value).toBe("Yes");
    expect(r.notes.value).toBe(
      "Outcome set version 2 agreed on 2026-11-30 by Nottinghamshire County Council. Co-designed with citizens (South Nottinghamshire); mapping to INDIGO 4.1.0 in docs/indigo-mapping.md.",
    );
    expect(r.overall_project_finance).toEqual({ maximum_potential_outcome_payment_v2: { currency: { value: "GBP" }, amount: { value: 250000 } } });
    expect(r.outcome_metrics!.map((m) => m.id)).toEqual(["H1", "C1"]);
    for (const m of r.outcome_metrics!) {
      for (const key of ["definition", "outcome_metric_target", "outcome_validation_method", "data_source_for_outcome_validation", "policy_sector"] as const) {
        expect(Object.keys(m[key])).toEqual(["value"]);
        expect(typeof m[key].value).toBe("string");
      }
      expect(typeof m.notes).toBe("string");
    }
    const h1 = r.outcome_metrics![0];
    expect(h1.outcome_validation_method.value).toBe("Pre-Post analysis");
    expect(h1.outcome_metric_target.value).toBe("Told their story once: from 79 (2026-04-01) to 90 by 2028-03-31");
    expect(h1.notes).toBe(
      "Domain: Joined-up care. Citizens' wording: Outcome H1. Reporting: annually. National measure: ASCOF 3D. Weight: 60.50% of the incentive payment. Maximum price if all targets achieved: GBP 151250.00.",
    );
  });

  it("a draft is an early-stage pipeline marked DRAFT in its notes, with no finance and no price", () => {
    const r = toIndigo(draft);
    expect(r.stage_development.stage.value).toBe("Early stage");
    expect(r.notes.value).toMatch(/^DRAFT – not agreed: outcome set version 2 \(draft\) may still change\./);
    expect("overall_project_finance" in r).toBe(false);
    expect(r.outcome_metrics![0].notes).not.toContain("Maximum price");
  });

  it("leaves outcome_metrics out when nothing is included (4.1.0 requires at least one item when present)", () => {
    expect("outcome_metrics" in toIndigo(empty)).toBe(false);
  });

  it("the shares of the pot in the notes add up to the pot to the penny", () => {
    const pence = toIndigo(agreed).outcome_metrics!.map((m) => Math.round(Number(/GBP (\d+\.\d{2})\./.exec(m.notes)![1]) * 100));
    expect(pence.reduce((a, b) => a + b, 0)).toBe(250000_00);
  });
});

import { describe, expect, it } from "vitest";
import { COS_STAR_ITEMS, cosStarReport, OFFICER_ITEMS, type StudyFacts } from "./cos-star";

const rule = {
  rule: "comet",
  thresholdIn: 70,
  thresholdOut: 15,
  bound: "strict",
  groups: "overall",
  groupWeighting: "equal",
  weighted: false,
  marginsName: null,
};
const facts: StudyFacts = {
  title: "What matters to you?",
  partnership: "South Nottinghamshire",
  summary: { text: "We want to know what matters.", lang: "en" },
  audience: "both",
  advisoryGroup: { name: "Citizens' Advisory Group", members: 30, byGroup: { carer: 8, citizen: 12, professional: 5, "service-user": 5 } },
  localities: ["Nottingham North and East", "Rushcliffe"],
  rounds: [
    {
      round: 1,
      responses: 13,
      byGroup: { citizen: 8, carer: 5 },
      showFeedback: false,
      feedbackBy: "overall",
      allowNewParticipants: true,
      method: rule,
      rated: ["O1", "O2", "O3"],
      consensusIn: ["O1"],
      consensusOut: ["O2"],
      noConsensus: ["O3"],
      added: [],
      carried: [],
    },
    {
      round: 2,
      responses: 9,
      byGroup: { citizen: 5, carer: 4 },
      channels: { online: 6, paper: 3 },
      showFeedback: true,
      feedbackBy: "stakeholder-group",
      allowNewParticipants: false,
      method: rule,
      rated: ["O3", "O4"],
      consensusIn: ["O3"],
      consensusOut: [],
      noConsensus: ["O4"],
      added: ["O4"],
      carried: ["O1", "O2"],
    },
  ],
  retention: [{ from: 1, to: 2, before: 13, retained: 9 }],
  sources: [{ source: "Seed 001", outcomes: 3 }],
  proposalsAccepted: 1,
  themes: 4,
  retired: [],
  finalSet: { status: "agreed", version: 2, included: ["O1", "O3"] },
  framework: ["O1", "O3"],
};

describe("COS-STAR report (Kirkham et al., PLoS Med 2016;13(10):e1002148, Table 1)", () => {
  it("has the statement's 25 numbered points (18 items and their parts), in order", () => {
    expect(COS_STAR_ITEMS.map((i) => i.id)).toEqual([
      "1a",
      "1b",
      "2a",
      "2b",
      "3a",
      "3b",
      "3c",
      "4",
      "5",
      "6a",
      "6b",
      "7",
      "8",
      "9a",
      "9b",
      "10",
      "11",
      "12",
      "13a",
      "13b",
      "14",
      "15",
      "16",
      "17",
      "18",
    ]);
    expect(new Set(COS_STAR_ITEMS.map((i) => i.id.replace(/[a-c]$/, ""))).size).toBe(18);
    expect(OFFICER_ITEMS).toEqual(["4", "10", "11", "15", "16", "17", "18"]);
  });

  it("answers from the data what the data can answer, and marks what the officer must write", () => {
    const items = cosStarReport(facts, { "17": { text: "Funded by the partnership.", lang: "en" } }, { audience: "staff" });
    const by = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(items.filter((i) => i.missing).map((i) => i.id)).toEqual(["4", "10", "11", "15", "16", "18"]);
    expect(by["17"].lines).toEqual([{ key: "written", text: { text: "Funded by the partnership.", lang: "en" } }]);
    expect(by["9a"].lines.map((l) => l.key)).toEqual(["ruleComet", "sameRule"]);
    expect(by["13a"].lines[0]).toMatchObject({ key: "start", params: { count: 3 }, codes: ["O1", "O2", "O3"] });
    expect(by["13b"].lines.map((l) => [l.key, l.codes])).toEqual([
      ["added", ["O4"]],
      ["carried", ["O1", "O2"]],
    ]);
    expect(by["14"].lines[0]).toMatchObject({ key: "finalAgreed", params: { version: 2 }, codes: ["O1", "O3"] });
    expect(by["12"].lines).toContainEqual({ key: "retention", params: { from: 1, to: 2, before: 13, retained: 9, rate: 69.2 } });
    expect(by["7"].lines.map((l) => l.key)).toEqual(["rounds", "anonymity", "feedbackNone", "feedbackGroups", "channels"]);
    expect(by["7"].lines.at(-1)).toEqual({ key: "channels", params: { round: 2 }, channels: { online: 6, paper: 3 } });
    expect(by["1b"].lines.map((l) => l.key)).toEqual(["abstract", "abstractPeople"]);
    expect(by["1b"].lines[0].params).toEqual({ rounds: 2, outcomes: 4, agreed: 2 });
  });

  it("gives the public no counts of people (the summary shows them disclosure-controlled elsewhere)", () => {
    const items = cosStarReport(facts, {}, { audience: "public" });
    const by = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(by["12"].lines).toEqual([{ key: "seeWhoTookPart" }]);
    expect(by["1b"].lines.map((l) => l.key)).toEqual(["abstract"]);
    expect(Object.values(by["5"].lines[0].groups ?? {})).toEqual([null, null, null, null]);
    expect(by["7"].lines.at(-1)).toEqual({ key: "channels", params: { round: 2 }, channels: { online: null, paper: null } });
  });

  it("states each round's rule when the rule changed between rounds", () => {
    const changed = { ...facts, rounds: [facts.rounds[0], { ...facts.rounds[1], method: { ...rule, thresholdIn: 80 } }] };
    const by = Object.fromEntries(cosStarReport(changed, {}, { audience: "staff" }).map((i) => [i.id, i]));
    expect(by["9a"].lines).toEqual([
      { key: "ruleCometRound", params: { round: 1, in: 70, out: 15 } },
      { key: "ruleCometRound", params: { round: 2, in: 80, out: 15 } },
    ]);
  });

  it("says where the public could take part only when the consultation was open to them (an advisory-group-only study has no public link)", () => {
    const item5 = (audience: StudyFacts["audience"]) => cosStarReport({ ...facts, audience }, {}, { audience: "public" }).find((i) => i.id === "5")!;
    const keys = (audience: StudyFacts["audience"]) => JSON.stringify(item5(audience));
    expect(keys("both")).toContain("publicLink");
    expect(keys("public")).toContain("publicLink");
    expect(keys("group")).not.toContain("publicLink");
  });
});

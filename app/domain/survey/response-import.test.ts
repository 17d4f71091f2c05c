import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../csv";
import { validateResponseImport, type ImportContext, type ImportQuestion } from "./response-import";

// Round 2: ratings of O1–O5 (O5 without "unable to score"), a free-text question (4th) and a proposal question (7th), a Likert question (6th).
const questions: ImportQuestion[] = [
  { id: 11, number: 1, type: "rating", outcomeCode: "O1", config: {} },
  { id: 12, number: 2, type: "rating", outcomeCode: "O2", config: {} },
  { id: 13, number: 3, type: "rating", outcomeCode: "O3", config: {} },
  { id: 14, number: 4, type: "free-text", outcomeCode: null, config: { maxLength: 20 } },
  { id: 15, number: 5, type: "rating", outcomeCode: "O4", config: {} },
  { id: 16, number: 6, type: "likert", outcomeCode: null, config: {} },
  { id: 17, number: 7, type: "propose-outcome", outcomeCode: null, config: {} },
  { id: 18, number: 8, type: "rating", outcomeCode: "O5", config: { allowUnable: false } },
];
const context: ImportContext = { roundNumber: 2, questions, channel: "paper", alreadyResponded: new Set(["P-OLD"]) };
const run = (csv: string, c: Partial<ImportContext> = {}) => validateResponseImport(parseCsv(csv), { ...context, ...c });
const problems = (csv: string, c: Partial<ImportContext> = {}) => run(csv, c).problems.map((p) => `${p.line}:${p.column}:${p.key}`);

describe("importing responses from another channel", () => {
  it("reads the CLI's aggregate columns plus written answers, with the channel and profile", () => {
    const { rows, problems: found } = run(
      "respondent_id,round,group,age_band,sex,locality,O1,O2,O3,q4,channel,q7\n" +
        'P1,2,carer,65+,Female,Rushcliffe,9,U,,"Tell it once",,A named worker\n' +
        "P2,,Service user,,,,3,7,8,,phone,\n",
    );
    expect(found).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        respondentId: "P1",
        channel: "paper",
        profile: { stakeholderGroup: "carer", ageBand: "65+", sex: "female", locality: "Rushcliffe" },
        answers: [
          { questionId: 11, numericValue: 9, unable: false, textValue: null },
          { questionId: 12, numericValue: null, unable: true, textValue: null },
          { questionId: 14, numericValue: null, unable: false, textValue: "Tell it once" },
          { questionId: 17, numericValue: null, unable: false, textValue: "A named worker" },
        ],
      },
      {
        line: 3,
        respondentId: "P2",
        channel: "phone",
        profile: { stakeholderGroup: "service-user" },
        answers: [
          { questionId: 11, numericValue: 3, unable: false, textValue: null },
          { questionId: 12, numericValue: 7, unable: false, textValue: null },
          { questionId: 13, numericValue: 8, unable: false, textValue: null },
        ],
      },
    ]);
  });

  it("accepts the CLI's reference panel file as it is when the round rates its outcomes", () => {
    const text = readFileSync("test/fixtures/reference/panel_a.csv", "utf8");
    const { rows, problems: found } = validateResponseImport(parseCsv(text), {
      ...context,
      roundNumber: 1,
      questions: questions.slice(0, 3).concat([
        { id: 15, number: 4, type: "rating", outcomeCode: "O4", config: {} },
        { id: 19, number: 5, type: "rating", outcomeCode: "O5", config: {} },
      ]),
    });
    expect(found).toEqual([]);
    expect(rows.length).toBe(parseCsv(text).rows.length);
  });

  it("reports every header problem with its column, and reads no row", () => {
    expect(problems("group,O1,O9,q6,q99,stakeholder_group\nx,1,1,1,1,carer\n")).toEqual([
      "1:1:missingColumn",
      "1:3:unknownColumn",
      "1:4:questionNotImported",
      "1:5:noSuchQuestion",
      "1:6:groupTwice",
    ]);
    expect(problems("respondent_id,locality\nP1,Gedling\n")).toEqual(["1:1:noAnswerColumns"]);
    expect(problems("respondent_id,O1\n")).toEqual(["2:1:noRows"]);
  });

  it("reports every cell problem by line and column, all or nothing", () => {
    const result = run(
      "respondent_id,round,group,sex,O1,O5,q4,channel\n" +
        "P1,2,carer,female,8,7,ok,paper\n" + // fine on its own
        ",2,carer,,10,,,\n" + // no id; rating out of range
        "P1,3,voter,unknown,x,U,much too long for twenty,fax\n" + // second P1; other round; bad group, sex, rating, U not allowed, text too long, channel
        "P-OLD,,,,,,,\n" + // already has a response in the round, and no answers
        "P4,,,,,,,\n", // no answers
    );
    expect(result.rows).toEqual([]);
    expect(result.problems.map((p) => `${p.line}:${p.column}:${p.key}`)).toEqual([
      "3:1:idRequired",
      "3:5:rating",
      "4:1:idTwice",
      "4:2:otherRound",
      "4:3:groupUnknown",
      "4:4:sexUnknown",
      "4:5:rating",
      "4:6:unableNotAllowed",
      "4:7:textTooLong",
      "4:8:channelUnknown",
      "5:1:alreadyResponded",
      "6:1:noAnswers",
    ]);
    expect(result.problems.find((p) => p.key === "idTwice")!.params).toEqual({ id: "P1", first: 2 });
    expect(result.problems.find((p) => p.key === "alreadyResponded")!.params).toEqual({ id: "P-OLD", round: 2 });
  });

  it("refuses control characters and over-long ids, and more rows than the limit", () => {
    expect(problems(`respondent_id,O1,q4\n${"x".repeat(65)},1,\nP2,1,"a\u0007b"\n`)).toEqual(["2:1:idFormat", "3:3:invalidCharacters"]);
    const many = "respondent_id,O1\n" + Array.from({ length: 10_001 }, (_, i) => `P${i},5`).join("\n");
    expect(problems(many)).toEqual(["10002:1:tooManyRows"]);
  });
});

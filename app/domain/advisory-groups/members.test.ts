import { describe, expect, it } from "vitest";
import { parseCsv } from "../csv";
import { validateMember, validateMemberImport } from "./members";

const HEADER = "name,email,stakeholder_group,preferred_language,profile_consent,age_band,sex,locality,ethnicity";

describe("validateMember", () => {
  it("accepts a complete member, lower-casing the email and normalising the group", () => {
    const { member, problems } = validateMember({
      displayName: " Joan B. ",
      email: "Joan.B@Example.ORG",
      stakeholderGroup: "Service user",
      preferredLocale: "cy",
      profileConsent: "yes",
      ageBand: "65-74",
      sex: "Female",
      locality: "Rushcliffe",
      ethnicity: "White",
    });
    expect(problems).toEqual([]);
    expect(member).toEqual({
      displayName: "Joan B.",
      email: "joan.b@example.org",
      stakeholderGroup: "service-user",
      preferredLocale: "cy",
      profileConsent: true,
      ageBand: "65-74",
      sex: "female",
      locality: "Rushcliffe",
      ethnicity: "White",
    });
  });

  it("keeps no profile data without consent, and says so", () => {
    const { member, problems } = validateMember({
      displayName: "A",
      email: "a@x.org",
      stakeholderGroup: "carer",
      profileConsent: "no",
      locality: "Rushcliffe",
    });
    expect(member).toBeUndefined();
    expect(problems).toEqual([{ field: "locality", key: "profileWithoutConsent" }]);
    expect(validateMember({ displayName: "A", email: "a@x.org", stakeholderGroup: "carer" }).member).toMatchObject({
      profileConsent: false,
      locality: null,
      preferredLocale: "en",
    });
  });

  it("names every problem with its field", () => {
    const { problems } = validateMember({
      displayName: "",
      email: "not-an-email",
      stakeholderGroup: "voter",
      preferredLocale: "fr",
      profileConsent: "perhaps",
      ageBand: "12",
    });
    expect(problems.map((p) => `${p.field}:${p.key}`)).toEqual([
      "displayName:nameRequired",
      "email:emailFormat",
      "stakeholderGroup:groupUnknown",
      "preferredLocale:localeUnknown",
      "profileConsent:consentFormat",
      "ageBand:profileWithoutConsent",
    ]);
    expect(validateMember({ displayName: "x\u0007", email: "a@x.org", stakeholderGroup: "carer" }).problems).toEqual([
      { field: "displayName", key: "invalidCharacters" },
    ]);
    expect(validateMember({ displayName: "x".repeat(121), email: "a@x.org", stakeholderGroup: "carer" }).problems).toEqual([
      { field: "displayName", key: "nameTooLong" },
    ]);
    expect(
      validateMember({ displayName: "x", email: "a@x.org", stakeholderGroup: "carer", profileConsent: "yes", ageBand: "12", sex: "robot" }).problems.map(
        (p) => p.key,
      ),
    ).toEqual(["ageBandUnknown", "sexUnknown"]);
  });
});

describe("validateMemberImport", () => {
  it("imports valid rows, with optional columns left out", () => {
    const table = parseCsv("name,email,stakeholder_group\r\nMargaret H.,m@cag.example,citizen\r\nTariq A.,t@cag.example,carer\r\n");
    const { rows, problems } = validateMemberImport(table, new Set());
    expect(problems).toEqual([]);
    expect(rows.map((r) => [r.line, r.email, r.stakeholderGroup])).toEqual([
      [2, "m@cag.example", "citizen"],
      [3, "t@cag.example", "carer"],
    ]);
  });

  it("reports every bad row by line and column and imports nothing", () => {
    const csv = [
      HEADER,
      "Good,good@cag.example,citizen,en,yes,18-34,male,Rushcliffe,White",
      ",bad,voter,en,no,,,,",
      "Dup,GOOD@cag.example,carer,cy,no,,,,",
      "Old,existing@cag.example,carer,en,no,,,,",
      "NoConsent,nc@cag.example,carer,en,no,,,Rushcliffe,",
    ].join("\n");
    const { rows, problems } = validateMemberImport(parseCsv(csv), new Set(["existing@cag.example"]));
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      { line: 3, column: 1, key: "nameRequired", params: undefined },
      { line: 3, column: 2, key: "emailFormat", params: undefined },
      { line: 3, column: 3, key: "groupUnknown", params: { value: "voter" } },
      { line: 4, column: 2, key: "emailDuplicateInFile", params: { email: "good@cag.example", first: 2 } },
      { line: 5, column: 2, key: "emailDuplicateExisting", params: { email: "existing@cag.example" } },
      { line: 6, column: 8, key: "profileWithoutConsent", params: undefined },
    ]);
  });

  it("needs the required columns, refuses unknown ones and an empty file", () => {
    expect(validateMemberImport(parseCsv("name,stakeholder_group\nA,citizen\n"), new Set()).problems).toEqual([
      { line: 1, column: 1, key: "missingColumn", params: { column: "email" } },
    ]);
    expect(validateMemberImport(parseCsv("name,email,stakeholder_group,shoe_size\nA,a@x.org,citizen,9\n"), new Set()).problems).toEqual([
      { line: 1, column: 4, key: "unknownColumn", params: { column: "shoe_size" } },
    ]);
    expect(validateMemberImport(parseCsv("name,email,stakeholder_group\n"), new Set()).problems).toEqual([{ line: 2, column: 1, key: "noRows" }]);
  });
});

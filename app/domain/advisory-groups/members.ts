/**
 * Citizen's Advisory Group members: one validation for the add/edit form and for each
 * row of a CSV import, a CSV import that reports every problem by line and column
 * (all or nothing, like the outcome import), and duplicates by email. Pure.
 */
import { STAKEHOLDER_GROUPS, type StakeholderGroup } from "../survey/questions";
import type { CsvTable } from "../csv";

export const AGE_BANDS = ["16-17", "18-34", "35-49", "50-64", "65-74", "75+"] as const;
export const SEXES = ["female", "male", "other"] as const;
export const MEMBER_LOCALES = ["en", "cy", "pl", "ur"] as const;

export const MEMBER_FIELDS = [
  "displayName",
  "email",
  "stakeholderGroup",
  "preferredLocale",
  "profileConsent",
  "ageBand",
  "sex",
  "locality",
  "ethnicity",
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];
export const PROFILE_DATA_FIELDS = ["ageBand", "sex", "locality", "ethnicity"] as const;

/** CSV column names (header row) for each field. */
export const MEMBER_COLUMNS: Record<MemberField, string> = {
  displayName: "name",
  email: "email",
  stakeholderGroup: "stakeholder_group",
  preferredLocale: "preferred_language",
  profileConsent: "profile_consent",
  ageBand: "age_band",
  sex: "sex",
  locality: "locality",
  ethnicity: "ethnicity",
};
export const REQUIRED_MEMBER_COLUMNS = ["name", "email", "stakeholder_group"] as const;

export interface MemberInput {
  displayName: string;
  /** Lower-cased. */
  email: string;
  stakeholderGroup: StakeholderGroup;
  preferredLocale: (typeof MEMBER_LOCALES)[number];
  /** Profile data is kept only with consent; without it every profile field is null. */
  profileConsent: boolean;
  ageBand: string | null;
  sex: string | null;
  locality: string | null;
  ethnicity: string | null;
}

export interface MemberProblem {
  field: MemberField;
  /** A translation key under members.errors. */
  key: string;
  params?: Record<string, string | number>;
}

const EMAIL = /^[^\s@<>",;()[\]\\]{1,64}@[^\s@<>",;()[\]\\]+\.[^\s@<>",;()[\]\\]+$/;
const YES = ["yes", "y", "true", "1"];
const NO = ["no", "n", "false", "0", ""];

// Control characters other than tab are refused in names and profile text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

function text(value: string | undefined): string {
  return (value ?? "").trim();
}

/** Raw values (strings from a form or a CSV row) → a member, or every problem found. */
export function validateMember(raw: Partial<Record<MemberField, string>>): { member?: MemberInput; problems: MemberProblem[] } {
  const problems: MemberProblem[] = [];
  const displayName = text(raw.displayName);
  if (!displayName) problems.push({ field: "displayName", key: "nameRequired" });
  else if (displayName.length > 120) problems.push({ field: "displayName", key: "nameTooLong" });
  else if (CONTROL.test(displayName)) problems.push({ field: "displayName", key: "invalidCharacters" });

  const email = text(raw.email).toLowerCase();
  if (!email) problems.push({ field: "email", key: "emailRequired" });
  else if (email.length > 254 || !EMAIL.test(email)) problems.push({ field: "email", key: "emailFormat" });

  const group = text(raw.stakeholderGroup)
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  if (!group) problems.push({ field: "stakeholderGroup", key: "groupRequired" });
  else if (!(STAKEHOLDER_GROUPS as readonly string[]).includes(group))
    problems.push({ field: "stakeholderGroup", key: "groupUnknown", params: { value: group.slice(0, 40) } });

  const locale = text(raw.preferredLocale).toLowerCase() || "en";
  if (!(MEMBER_LOCALES as readonly string[]).includes(locale))
    problems.push({ field: "preferredLocale", key: "localeUnknown", params: { value: locale.slice(0, 20) } });

  const consentRaw = text(raw.profileConsent).toLowerCase();
  const consent = YES.includes(consentRaw);
  if (!consent && !NO.includes(consentRaw)) problems.push({ field: "profileConsent", key: "consentFormat" });

  const profile: Record<(typeof PROFILE_DATA_FIELDS)[number], string | null> = { ageBand: null, sex: null, locality: null, ethnicity: null };
  for (const field of PROFILE_DATA_FIELDS) {
    const value = text(raw[field]);
    if (!value) continue;
    if (!consent) {
      problems.push({ field, key: "profileWithoutConsent" });
      continue;
    }
    if (value.length > 80) problems.push({ field, key: "profileTooLong" });
    else if (CONTROL.test(value)) problems.push({ field, key: "invalidCharacters" });
    else if (field === "ageBand" && !(AGE_BANDS as readonly string[]).includes(value))
      problems.push({ field, key: "ageBandUnknown", params: { value: value.slice(0, 20) } });
    else if (field === "sex" && !(SEXES as readonly string[]).includes(value.toLowerCase()))
      problems.push({ field, key: "sexUnknown", params: { value: value.slice(0, 20) } });
    else profile[field] = field === "sex" ? value.toLowerCase() : value;
  }
  if (problems.length) return { problems };
  return {
    problems,
    member: {
      displayName,
      email,
      stakeholderGroup: group as StakeholderGroup,
      preferredLocale: locale as MemberInput["preferredLocale"],
      profileConsent: consent,
      ...profile,
    },
  };
}

export interface MemberImportRow extends MemberInput {
  line: number;
}

export interface ImportProblem {
  line: number;
  column: number;
  /** A translation key under members.errors, with its parameters. */
  key: string;
  params?: Record<string, string | number>;
}

/**
 * Validates a member CSV. `existingEmails` are the (lower-cased) emails of the group's
 * current members: a row repeating one is a duplicate, as is a row repeating an earlier row.
 */
export function validateMemberImport(table: CsvTable, existingEmails: ReadonlySet<string>): { rows: MemberImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const header = table.header.map((h) => h.trim().toLowerCase());
  for (const name of REQUIRED_MEMBER_COLUMNS) {
    if (!header.includes(name)) problems.push({ line: 1, column: 1, key: "missingColumn", params: { column: name } });
  }
  if (problems.length) return { rows: [], problems };
  // The export's extra columns are read-only facts: accepted and ignored, so an export can be edited and imported elsewhere.
  const known = new Set([...Object.values(MEMBER_COLUMNS), "joined", "profile_consent_date"]);
  table.header.forEach((h, i) => {
    if (!known.has(h.trim().toLowerCase())) problems.push({ line: 1, column: i + 1, key: "unknownColumn", params: { column: h.slice(0, 40) } });
  });
  const columnOf = (field: MemberField) => header.indexOf(MEMBER_COLUMNS[field]) + 1;
  const seen = new Map<string, number>();
  const rows: MemberImportRow[] = [];
  for (const { line, fields } of table.rows) {
    const raw: Partial<Record<MemberField, string>> = {};
    for (const field of MEMBER_FIELDS) {
      const col = columnOf(field);
      if (col > 0) raw[field] = fields[col - 1];
    }
    const { member, problems: rowProblems } = validateMember(raw);
    for (const p of rowProblems) problems.push({ line, column: Math.max(1, columnOf(p.field)), key: p.key, params: p.params });
    if (!member) continue;
    const first = seen.get(member.email);
    if (first !== undefined) {
      problems.push({ line, column: columnOf("email"), key: "emailDuplicateInFile", params: { email: member.email, first } });
      continue;
    }
    seen.set(member.email, line);
    if (existingEmails.has(member.email)) {
      problems.push({ line, column: columnOf("email"), key: "emailDuplicateExisting", params: { email: member.email } });
      continue;
    }
    rows.push({ line, ...member });
  }
  if (table.rows.length === 0) problems.push({ line: 2, column: 1, key: "noRows" });
  if (table.rows.length > 5000) problems.push({ line: 1, column: 1, key: "tooManyRows", params: { max: 5000 } });
  return { rows: problems.length ? [] : rows, problems };
}

/** The export's header and rows (same columns as the import, plus when each member joined and consented). */
export const EXPORT_HEADER = [...MEMBER_FIELDS.map((f) => MEMBER_COLUMNS[f]), "joined", "profile_consent_date"];

/**
 * Responses collected another way (on paper, by phone, at an event…) imported by an officer
 * into one round. The file has the columns of the command line's `aggregate --responses`
 * input (README: `respondent_id`, optional `round`, `group`, the profile columns, one column per
 * outcome code holding 1–9, U or empty) plus one column per free-text or "propose an outcome"
 * question, headed `q` and its number in the round (`q14`), and an optional `channel` column.
 * Validated all or nothing: every problem is reported by line and column. Pure.
 */
import type { CsvTable } from "../csv";
import type { ImportProblem } from "../outcome-import";
import { SEXES } from "../advisory-groups/members";
import { parseQuestionConfig, RATING_MAX, RATING_MIN, STAKEHOLDER_GROUPS, type QuestionType } from "./questions";

/** How a response reached us; "online" is the journey, the others are import channels. */
export const RESPONSE_CHANNELS = ["online", "paper", "phone", "event", "email", "other"] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];
export const IMPORT_CHANNELS = ["paper", "phone", "event", "email", "other"] as const satisfies readonly ResponseChannel[];
export type ImportChannel = (typeof IMPORT_CHANNELS)[number];

/** The profile columns of the CLI contract and the profile field each fills. */
export const PROFILE_COLUMNS = {
  stakeholder_group: "stakeholderGroup",
  age_band: "ageBand",
  sex: "sex",
  locality: "locality",
  ethnicity: "ethnicity",
} as const;
type ProfileColumn = keyof typeof PROFILE_COLUMNS;
export type ImportedProfile = Partial<Record<(typeof PROFILE_COLUMNS)[ProfileColumn], string>>;

export const MAX_IMPORT_ROWS = 10_000;
const MAX_ID = 64;
// Control characters other than tab and line breaks are refused in text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The round's questions, numbered as on the round page. */
export interface ImportQuestion {
  id: number;
  number: number;
  type: QuestionType;
  /** For rating questions: the outcome code rated. */
  outcomeCode: string | null;
  config: unknown;
}

export interface ImportedAnswer {
  questionId: number;
  numericValue: number | null;
  unable: boolean;
  textValue: string | null;
}

export interface ImportedResponse {
  line: number;
  respondentId: string;
  channel: ImportChannel;
  profile: ImportedProfile;
  answers: ImportedAnswer[];
}

export type { ImportProblem };

export interface ImportContext {
  roundNumber: number;
  questions: ImportQuestion[];
  /** The channel for rows without a `channel` column. */
  channel: ImportChannel;
  /** Respondent ids that already have a response in this round (from an earlier import). */
  alreadyResponded: ReadonlySet<string>;
}

type ColumnRole =
  | { kind: "id" | "round" | "channel" }
  | { kind: "profile"; field: (typeof PROFILE_COLUMNS)[ProfileColumn] }
  | { kind: "rating"; question: ImportQuestion; allowUnable: boolean }
  | { kind: "text"; question: ImportQuestion; maxLength: number };

/** What each header column means for this round, or the problems with the header (parseCsv already refuses a name twice). */
function readHeader(header: string[], questions: ImportQuestion[], roundNumber: number): { roles: ColumnRole[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const byCode = new Map(questions.filter((q) => q.type === "rating" && q.outcomeCode).map((q) => [q.outcomeCode!, q]));
  const byNumber = new Map(questions.map((q) => [q.number, q]));
  const roles: ColumnRole[] = [];
  header.forEach((raw, k) => {
    const name = raw.trim();
    const column = k + 1;
    if (name === "respondent_id") return void roles.push({ kind: "id" });
    if (name === "round") return void roles.push({ kind: "round" });
    if (name === "channel") return void roles.push({ kind: "channel" });
    // The CLI's `group` is the stakeholder group the engine counts equally.
    if (name === "group") return void roles.push({ kind: "profile", field: "stakeholderGroup" });
    if (name in PROFILE_COLUMNS) return void roles.push({ kind: "profile", field: PROFILE_COLUMNS[name as ProfileColumn] });
    const rating = byCode.get(name);
    if (rating) return void roles.push({ kind: "rating", question: rating, allowUnable: parseQuestionConfig("rating", rating.config).allowUnable });
    const numbered = /^q([1-9]\d{0,3})$/i.exec(name);
    const question = numbered ? byNumber.get(Number(numbered[1])) : undefined;
    if (question && (question.type === "free-text" || question.type === "propose-outcome")) {
      return void roles.push({ kind: "text", question, maxLength: parseQuestionConfig(question.type, question.config).maxLength });
    }
    if (question) problems.push({ line: 1, column, key: "questionNotImported", params: { column: name, number: question.number } });
    else if (numbered) problems.push({ line: 1, column, key: "noSuchQuestion", params: { column: name, round: roundNumber } });
    else problems.push({ line: 1, column, key: "unknownColumn", params: { column: name.slice(0, 40), round: roundNumber } });
    roles.push({ kind: "id" }); // placeholder; the header has problems, so no row is read
  });
  if (!header.some((h) => h.trim() === "respondent_id")) problems.unshift({ line: 1, column: 1, key: "missingColumn", params: { column: "respondent_id" } });
  if (header.filter((h) => h.trim() === "group" || h.trim() === "stakeholder_group").length > 1) {
    problems.push({ line: 1, column: header.findIndex((h) => h.trim() === "stakeholder_group") + 1, key: "groupTwice" });
  }
  if (problems.length === 0 && !roles.some((r) => r.kind === "rating" || r.kind === "text"))
    problems.push({ line: 1, column: 1, key: "noAnswerColumns", params: { round: roundNumber } });
  return { roles, problems };
}

/** Stakeholder groups and sexes are fixed lists; age bands, localities and ethnicities are the officer's own (as in the CLI). */
function profileValue(field: (typeof PROFILE_COLUMNS)[ProfileColumn], value: string): { value?: string; key?: string } {
  if (value.length > 80) return { key: "profileTooLong" };
  if (CONTROL.test(value)) return { key: "invalidCharacters" };
  if (field === "stakeholderGroup") {
    const group = value.toLowerCase().replace(/[\s_]+/g, "-");
    return (STAKEHOLDER_GROUPS as readonly string[]).includes(group) ? { value: group } : { key: "groupUnknown" };
  }
  if (field === "sex") return (SEXES as readonly string[]).includes(value.toLowerCase()) ? { value: value.toLowerCase() } : { key: "sexUnknown" };
  return { value };
}

/** Validates a whole file for one round: the responses to store, or every problem found. */
export function validateResponseImport(table: CsvTable, context: ImportContext): { rows: ImportedResponse[]; problems: ImportProblem[] } {
  const { roles, problems } = readHeader(table.header, context.questions, context.roundNumber);
  if (problems.length) return { rows: [], problems };
  if (table.rows.length === 0) return { rows: [], problems: [{ line: 2, column: 1, key: "noRows" }] };
  if (table.rows.length > MAX_IMPORT_ROWS)
    return { rows: [], problems: [{ line: MAX_IMPORT_ROWS + 2, column: 1, key: "tooManyRows", params: { max: MAX_IMPORT_ROWS } }] };
  const firstLine = new Map<string, number>();
  const rows: ImportedResponse[] = [];
  for (const { line, fields } of table.rows) {
    const before = problems.length;
    const report = (k: number, key: string, params?: ImportProblem["params"]) => problems.push({ line, column: k + 1, key, params });
    const row: ImportedResponse = { line, respondentId: "", channel: context.channel, profile: {}, answers: [] };
    roles.forEach((role, k) => {
      const raw = fields[k] ?? "";
      const value = raw.trim();
      switch (role.kind) {
        case "id":
          if (!value) return void report(k, "idRequired");
          if (value.length > MAX_ID || CONTROL.test(value)) return void report(k, "idFormat", { max: MAX_ID });
          if (firstLine.has(value)) return void report(k, "idTwice", { id: value, first: firstLine.get(value)! });
          if (context.alreadyResponded.has(value)) return void report(k, "alreadyResponded", { id: value, round: context.roundNumber });
          firstLine.set(value, line);
          row.respondentId = value;
          return;
        case "round":
          if (value !== "" && value !== String(context.roundNumber)) report(k, "otherRound", { value: value.slice(0, 10), round: context.roundNumber });
          return;
        case "channel": {
          if (value === "") return;
          const channel = value.toLowerCase();
          if ((IMPORT_CHANNELS as readonly string[]).includes(channel)) row.channel = channel as ImportChannel;
          else report(k, "channelUnknown", { value: value.slice(0, 20) });
          return;
        }
        case "profile": {
          if (value === "") return;
          const checked = profileValue(role.field, value);
          if (checked.key) report(k, checked.key, { value: value.slice(0, 40) });
          else row.profile[role.field] = checked.value!;
          return;
        }
        case "rating":
          if (value === "") return;
          if (value === "U" || value === "u") {
            if (!role.allowUnable) return void report(k, "unableNotAllowed", { code: role.question.outcomeCode! });
            return void row.answers.push({ questionId: role.question.id, numericValue: null, unable: true, textValue: null });
          }
          if (!/^[1-9]$/.test(value) || Number(value) < RATING_MIN || Number(value) > RATING_MAX)
            return void report(k, "rating", { value: value.slice(0, 10) });
          return void row.answers.push({ questionId: role.question.id, numericValue: Number(value), unable: false, textValue: null });
        case "text":
          if (value === "") return;
          if (value.length > role.maxLength) return void report(k, "textTooLong", { max: role.maxLength });
          if (CONTROL.test(value)) return void report(k, "invalidCharacters");
          return void row.answers.push({ questionId: role.question.id, numericValue: null, unable: false, textValue: value });
      }
    });
    if (problems.length === before && row.answers.length === 0) problems.push({ line, column: 1, key: "noAnswers" });
    if (problems.length === before) rows.push(row);
  }
  return { rows: problems.length ? [] : rows, problems };
}

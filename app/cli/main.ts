/**
 * Command-line interface to the aggregation engine (a stable contract; see README).
 *   npm run --silent cli -- weights --respondents FILE --margins FILE [...]
 *   npm run --silent cli -- aggregate --responses FILE [--margins FILE] [...]
 *   npm run --silent cli -- rank --ballots FILE --method borda|schulze
 *   npm run --silent cli -- pairwise --wins FILE
 *   npm run --silent cli -- themes --responses FILE [--codebook FILE] [--codings FILE] [--k N] [--seed N]
 *   npm run --silent cli -- agreement --codings FILE [--seed N]
 * Only the result goes to standard output; summaries go to standard error.
 * Errors name the file, line and column and exit with status 2.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CsvError, csvField, parseCsv, parseCsvRecords, type CsvTable } from "../domain/csv";
import {
  aggregateColumns,
  roundsOf,
  studyFramework,
  studyResult,
  borda,
  bradleyTerry,
  parseMarginsCsv,
  parseRanking,
  rake,
  RakingError,
  schulze,
  type Margin,
  type MarginRow,
  type ResponseColumns,
} from "../domain/aggregation";
import { agreementDocument, themesDocument, type CodebookTheme, type Coding, type Language } from "../domain/themes";
import { CONSENSUS_RULES } from "../domain/aggregation/consensus";

export interface CliIo {
  readFile: (path: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** An input problem located in a file: reported as FILE:LINE:COLUMN: message, exit 2. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
  describe(): string {
    const where = [this.file, this.line, this.column].filter((x) => x !== undefined).join(":");
    return where ? `${where}: ${this.message}` : this.message;
  }
}

/** Reads a file and parses it, turning CSV errors into file:line:column errors. */
function readParsed<T>(io: CliIo, file: string, parse: (text: string) => T): T {
  let text: string;
  try {
    text = io.readFile(file);
  } catch {
    throw new InputError("cannot read the file", file);
  }
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof CsvError) throw new InputError(e.message, file, e.line || undefined, e.column || undefined);
    throw e;
  }
}

function readCsv(io: CliIo, file: string): CsvTable {
  return readParsed(io, file, parseCsv);
}

function column(table: CsvTable, file: string, name: string): number {
  const k = table.header.indexOf(name);
  if (k < 0) throw new InputError(`the header has no column "${name}"`, file, 1, 1);
  return k + 1;
}

function readMargins(io: CliIo, file: string, respondentColumns: string[]): { margins: Margin[]; rows: MarginRow[]; columns: string[] } {
  return readParsed(io, file, (text) => {
    const { margins, rows } = parseMarginsCsv(text, respondentColumns);
    return { margins, rows, columns: parseCsvRecords(text.split(/\r?\n/, 1)[0])[0]?.fields.map((f) => f.trim()) ?? [] };
  });
}

/**
 * Turns a raking error into a located input error: a respondent without a target points at
 * the respondent's row and the margin's variable column; a category or margin total points
 * at the margins file's row. Non-convergence has no single place, so only the file is named.
 */
function rakingError(
  e: unknown,
  where: {
    respondentsFile: string;
    respondentRows: CsvTable["rows"];
    respondentHeader: string[];
    marginsFile: string;
    margins: { rows: MarginRow[]; columns: string[] };
  },
): never {
  if (!(e instanceof RakingError)) throw e;
  const text = `${e.message} (${e.code})`;
  const d = e.details as { margin?: string; category?: string; respondent?: number };
  const marginCol = (name: string) => where.margins.columns.indexOf(name) + 1 || undefined;
  if (e.code === "no-target" && typeof d.respondent === "number" && where.respondentRows[d.respondent]) {
    const variable = (d.margin ?? "").split(":")[0];
    throw new InputError(text, where.respondentsFile, where.respondentRows[d.respondent].line, where.respondentHeader.indexOf(variable) + 1 || undefined);
  }
  if ((e.code === "empty-category" || e.code === "totals-disagree" || e.code === "bad-input") && d.margin) {
    const row = where.margins.rows.find((r) => r.variable === d.margin && (d.category === undefined || r.category === d.category));
    if (row?.line) throw new InputError(text, where.marginsFile, row.line, marginCol(e.code === "empty-category" ? "category" : "target"));
  }
  throw new InputError(text, where.marginsFile);
}

const num = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a number` })
    .min(min, `--${name} must be at least ${min}`)
    .max(max, `--${name} must be at most ${max}`);

const weightsOptions = z.object({
  respondents: z.string({ error: "--respondents FILE is required" }),
  margins: z.string({ error: "--margins FILE is required" }),
  id: z.string().default("respondent_id"),
  "base-weight": z.string().optional(),
  tolerance: num("tolerance", 0, 1).default(1e-10),
  "max-iterations": z.coerce.number().int().min(1).max(1_000_000).default(1000),
  trim: z
    .string()
    .regex(/^\s*[0-9.eE+-]+\s*,\s*[0-9.eE+-]+\s*$/, "--trim must be LOWER,UPPER, e.g. 0.3,3")
    .transform((s) => {
      const [lower, upper] = s.split(",").map(Number);
      return { lower, upper };
    })
    .optional(),
});

function weightsCommand(io: CliIo, raw: Record<string, unknown>) {
  const o = parseOptions(weightsOptions, raw);
  const table = readCsv(io, o.respondents);
  column(table, o.respondents, o.id);
  let base: number[] | undefined;
  if (o["base-weight"]) {
    const col = column(table, o.respondents, o["base-weight"]);
    base = table.rows.map(({ line, fields }) => {
      const w = Number(fields[col - 1]);
      if (!(w > 0) || !Number.isFinite(w)) throw new InputError(`base weight "${fields[col - 1]}" must be a positive number`, o.respondents, line, col);
      return w;
    });
  }
  const marginFile = readMargins(io, o.margins, table.header);
  let result;
  try {
    // Raking reads only the margins' variables: give it just those columns of each respondent.
    const used = [...new Set(marginFile.margins.flatMap((m) => m.variables))].map((v) => [v, table.header.indexOf(v)] as const);
    result = rake(
      table.rows.map(({ fields }) => {
        const r: Record<string, string> = {};
        for (const [v, k] of used) r[v] = fields[k];
        return r;
      }),
      marginFile.margins,
      { tolerance: o.tolerance, maxIterations: o["max-iterations"], trim: o.trim },
      base,
    );
  } catch (e) {
    rakingError(e, { respondentsFile: o.respondents, respondentRows: table.rows, respondentHeader: table.header, marginsFile: o.margins, margins: marginFile });
  }
  const lines = [`${o.id},weight`];
  const idAt = table.header.indexOf(o.id);
  table.rows.forEach((r, i) => lines.push(`${csvField(r.fields[idAt])},${result.weights[i].toPrecision(15)}`));
  io.stdout(lines.join("\n") + "\n");
  io.stderr(
    `iterations=${result.iterations} converged=${result.converged} max_margin_error=${result.maxMarginError.toExponential(3)} deff=${result.deff.toFixed(6)} n_eff=${result.nEff.toFixed(4)} total=${result.total}${result.trimRounds ? ` trim_rounds=${result.trimRounds}` : ""}${result.rescaled ? " (margin totals rescaled to agree)" : ""}\n`,
  );
}

const PROFILE_COLUMNS = ["age_band", "sex", "locality", "ethnicity", "stakeholder_group"];

const aggregateOptions = z.object({
  responses: z.string({ error: "--responses FILE is required" }),
  margins: z.string().optional(),
  rule: z.enum(CONSENSUS_RULES, { error: `--rule must be ${CONSENSUS_RULES.join(", ").replace(/, ([^,]*)$/, " or $1")}` }).default("comet"),
  "threshold-in": num("threshold-in", 0, 100).default(70),
  "threshold-out": num("threshold-out", 0, 100).default(15),
  bound: z.enum(["strict", "inclusive"], { error: "--bound must be strict or inclusive" }).default("strict"),
  groups: z.enum(["overall", "every-group", "any-group"], { error: "--groups must be overall, every-group or any-group" }).default("overall"),
  "group-weighting": z.enum(["equal", "pooled"], { error: "--group-weighting must be equal or pooled" }).default("equal"),
  "profile-columns": z.string().optional(),
  tolerance: num("tolerance", 0, 1).default(1e-10),
  "max-iterations": z.coerce.number().int().min(1).max(1_000_000).default(1000),
});

function aggregateCommand(io: CliIo, raw: Record<string, unknown>) {
  const o = parseOptions(aggregateOptions, raw);
  const table = readCsv(io, o.responses);
  column(table, o.responses, "respondent_id");
  const hasRound = table.header.includes("round");
  const hasGroup = table.header.includes("group");
  const marginFile = o.margins ? readMargins(io, o.margins, table.header) : undefined;
  const margins = marginFile?.margins;
  const profile = new Set([
    ...PROFILE_COLUMNS,
    ...(o["profile-columns"]?.split(",").map((s) => s.trim()) ?? []),
    ...(margins?.flatMap((m) => m.variables) ?? []),
  ]);
  const codes = table.header.filter((h) => !["respondent_id", "round", "group"].includes(h) && !profile.has(h));
  if (codes.length === 0) throw new InputError("no outcome columns: every column is an id, round, group or profile column", o.responses, 1, 1);
  const seen = new Set<string>();
  const n = table.rows.length;
  const data: ResponseColumns = {
    respondentIds: [],
    rounds: new Int32Array(n),
    groups: [],
    profiles: [],
    codes,
    scores: codes.map(() => new Int8Array(n)),
  };
  const codeColumns = codes.map((code) => table.header.indexOf(code));
  const idAt = table.header.indexOf("respondent_id");
  const roundAt = table.header.indexOf("round");
  const groupAt = table.header.indexOf("group");
  // Raking reads only the profile columns, so each respondent's profile holds just those.
  const profileAt = table.header.map((h, k) => [h, k] as const).filter(([h]) => profile.has(h));
  table.rows.forEach(({ line, fields }, i) => {
    const round = hasRound ? Number(fields[roundAt]) : 1;
    if (!Number.isInteger(round) || round < 1) throw new InputError(`round "${fields[roundAt]}" must be a whole number from 1`, o.responses, line, roundAt + 1);
    const id = fields[idAt];
    const key = `${id}\u0000${round}`;
    if (seen.has(key)) throw new InputError(`respondent ${id} appears twice in round ${round}`, o.responses, line, idAt + 1);
    seen.add(key);
    for (let k = 0; k < codes.length; k++) {
      const raw = fields[codeColumns[k]];
      // Fast path for the common case: a bare digit 1–9 or U.
      const c = raw.length === 1 ? raw.charCodeAt(0) : -1;
      if (c >= 49 && c <= 57) data.scores[k][i] = c - 48;
      else if (c === 85 || c === 117) data.scores[k][i] = -1;
      else {
        const v = raw.trim();
        if (v === "") continue;
        if (v === "U" || v === "u") data.scores[k][i] = -1;
        else if (/^[1-9]$/.test(v)) data.scores[k][i] = Number(v);
        else throw new InputError(`"${raw}" is not a rating: use 1 to 9, U (unable to score) or leave it empty`, o.responses, line, codeColumns[k] + 1);
      }
    }
    data.respondentIds.push(id);
    data.rounds[i] = round;
    data.groups.push(hasGroup ? fields[groupAt] : "all");
    const p: Record<string, string> = {};
    for (const [h, k] of profileAt) p[h] = fields[k];
    data.profiles.push(p);
  });
  let result;
  try {
    result = aggregateColumns(data, {
      rule: o.rule,
      thresholdIn: o["threshold-in"],
      thresholdOut: o["threshold-out"],
      bound: o.bound,
      groups: o.groups,
      groupWeighting: o["group-weighting"],
      margins,
      raking: margins ? { tolerance: o.tolerance, maxIterations: o["max-iterations"] } : undefined,
    });
  } catch (e) {
    rakingError(e, {
      respondentsFile: o.responses,
      respondentRows: table.rows,
      respondentHeader: table.header,
      marginsFile: o.margins ?? o.responses,
      margins: marginFile ?? { rows: [], columns: [] },
    });
  }
  // The per-round items stay as they are; `framework` is built over the whole study (methods §4, "Across rounds").
  const framework = studyFramework(studyResult(roundsOf(result)));
  io.stdout(JSON.stringify({ ...result, framework }, null, 2) + "\n");
  const rounds = new Set(data.rounds).size;
  io.stderr(
    `${n} responses, ${codes.length} outcomes, ${rounds} round(s)${result.weighting ? `; weighting deff=${result.weighting.deff.toFixed(6)} n_eff=${result.weighting.nEff.toFixed(4)}` : ""}\n`,
  );
}

const rankOptions = z.object({
  ballots: z.string({ error: "--ballots FILE is required" }),
  method: z.enum(["borda", "schulze"], { error: "--method must be borda or schulze" }),
});

function rankCommand(io: CliIo, raw: Record<string, unknown>) {
  const o = parseOptions(rankOptions, raw);
  const table = readCsv(io, o.ballots);
  const countCol = column(table, o.ballots, "count");
  const rankingCol = column(table, o.ballots, "ranking");
  const ballots = table.rows.map(({ line, values }) => {
    const count = Number(values.count);
    if (!(count >= 0) || !Number.isFinite(count)) throw new InputError(`count "${values.count}" is not a non-negative number`, o.ballots, line, countCol);
    const tiers = parseRanking(values.ranking);
    const items = tiers.flat();
    if (items.length === 0) throw new InputError("the ranking is empty", o.ballots, line, rankingCol);
    if (new Set(items).size !== items.length) throw new InputError("an item appears twice in the ranking", o.ballots, line, rankingCol);
    return { count, tiers };
  });
  const result =
    o.method === "borda"
      ? { method: "borda", ranking: borda(ballots) }
      : (() => {
          const s = schulze(ballots);
          return { method: "schulze", candidates: s.candidates, pairwise: s.d, strongestPaths: s.p, ranking: s.ranking };
        })();
  io.stdout(JSON.stringify(result, null, 2) + "\n");
  io.stderr(`${ballots.length} ballot rows\n`);
}

function pairwiseCommand(io: CliIo, raw: Record<string, unknown>) {
  const o = parseOptions(z.object({ wins: z.string({ error: "--wins FILE is required" }) }), raw);
  const table = readCsv(io, o.wins);
  for (const c of ["winner", "loser"]) column(table, o.wins, c);
  const winsCol = column(table, o.wins, "wins");
  const results = table.rows.map(({ line, values }) => {
    const wins = Number(values.wins);
    if (!(wins >= 0) || !Number.isFinite(wins)) throw new InputError(`wins "${values.wins}" is not a non-negative number`, o.wins, line, winsCol);
    return { winner: values.winner, loser: values.loser, wins };
  });
  const r = bradleyTerry(results);
  io.stdout(JSON.stringify({ method: "bradley-terry-mm", ...r }, null, 2) + "\n");
  if (r.pseudoWinsAdded) io.stderr("The win graph is not strongly connected: one pseudo-win per pair was added (half to each side).\n");
}

const themesOptions = z
  .object({
    responses: z.string({ error: "--responses FILE is required" }),
    id: z.string().default("respondent_id"),
    text: z.string().default("text"),
    codebook: z.string().optional(),
    codings: z.string().optional(),
    k: z.coerce
      .number({ error: "--k must be a number" })
      .int("--k must be a whole number")
      .min(1, "--k must be at least 1")
      .max(200, "--k must be at most 200")
      .optional(),
    themes: z.coerce
      .number({ error: "--themes must be a number" })
      .int("--themes must be a whole number")
      .min(1, "--themes must be at least 1")
      .max(200, "--themes must be at most 200")
      .optional(),
    seed: z.coerce
      .number({ error: "--seed must be a number" })
      .int("--seed must be a whole number")
      .min(0, "--seed must be at least 0")
      .max(2 ** 31 - 1, "--seed must be at most 2147483647")
      .default(1),
    language: z.enum(["en", "cy", "pl", "ur"], { error: "--language must be en, cy, pl or ur" }).default("en"),
    "lsa-rank": z.coerce
      .number({ error: "--lsa-rank must be a number" })
      .int("--lsa-rank must be a whole number")
      .min(0, "--lsa-rank must be at least 0")
      .max(500, "--lsa-rank must be at most 500")
      .optional(),
  })
  .refine((o) => !(o.codings && !o.codebook), { message: "--codings needs --codebook" })
  .refine((o) => !(o.k !== undefined && o.themes !== undefined && o.k !== o.themes), { message: "--k and --themes disagree: give one" })
  .refine((o) => !(o.codebook && (o.k ?? o.themes) !== undefined), { message: "--k sets the number of suggested themes: it cannot be used with --codebook" });

function themesCommand(io: CliIo, raw: Record<string, unknown>) {
  const o = parseOptions(themesOptions, raw);
  const table = readCsv(io, o.responses);
  const idCol = column(table, o.responses, o.id);
  const textCol = column(table, o.responses, o.text);
  const seen = new Set<string>();
  const responses = table.rows.map(({ line, fields }) => {
    const id = fields[idCol - 1].trim();
    if (id === "") throw new InputError("the respondent id is empty", o.responses, line, idCol);
    if (seen.has(id)) throw new InputError(`respondent ${id} appears twice`, o.responses, line, idCol);
    seen.add(id);
    return { id, text: fields[textCol - 1] ?? "" };
  });
  let codebook: CodebookTheme[] | undefined;
  let codings: Coding[] | undefined;
  if (o.codebook) {
    const file = o.codebook;
    const cb = readCsv(io, file);
    const themeCol = column(cb, file, "theme");
    const labelCol = column(cb, file, "label");
    column(cb, file, "description");
    const ids = new Set<string>();
    codebook = cb.rows.map(({ line, values }) => {
      const id = values.theme.trim();
      if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
        throw new InputError(`theme "${values.theme}" must be lower-case letters, digits and hyphens`, file, line, themeCol);
      if (ids.has(id)) throw new InputError(`theme ${id} appears twice`, file, line, themeCol);
      if (values.label.trim() === "") throw new InputError("the label is empty", file, line, labelCol);
      ids.add(id);
      return { id, label: values.label.trim(), description: values.description ?? "" };
    });
    if (codebook.length === 0) throw new InputError("the codebook has no themes", file, 1, 1);
    if (o.codings) {
      const cf = o.codings;
      const ct = readCsv(io, cf);
      const ridCol = column(ct, cf, "respondent_id");
      const tCol = column(ct, cf, "theme");
      codings = ct.rows.map(({ line, values }) => {
        const respondentId = values.respondent_id.trim();
        const theme = values.theme.trim();
        if (!seen.has(respondentId)) throw new InputError(`respondent ${respondentId} is not in ${o.responses}`, cf, line, ridCol);
        if (!ids.has(theme)) throw new InputError(`theme "${theme}" is not in the codebook`, cf, line, tCol);
        return { respondentId, theme };
      });
    }
  }
  const t0 = performance.now();
  const doc = themesDocument(responses, { codebook, codings, k: o.k ?? o.themes, seed: o.seed, language: o.language as Language, lsaRank: o["lsa-rank"] });
  io.stdout(JSON.stringify(doc, null, 2) + "\n");
  io.stderr(
    `${responses.length} responses, ${doc.themes.length} themes (${doc.method.name}), seed ${o.seed}${codings ? `, ${codings.length} confirmed codings` : ""}; ${Math.round(performance.now() - t0)} ms\n`,
  );
}

const agreementOptions = z.object({
  codings: z.string({ error: "--codings FILE is required" }),
  seed: z.coerce
    .number({ error: "--seed must be a number" })
    .int("--seed must be a whole number")
    .min(0, "--seed must be at least 0")
    .max(2 ** 31 - 1, "--seed must be at most 2147483647")
    .default(1),
});

function agreementCommand(io: CliIo, raw: Record<string, unknown>) {
  const o = parseOptions(agreementOptions, raw);
  const table = readCsv(io, o.codings);
  const cols = ["respondent_id", "coder", "theme"].map((c) => column(table, o.codings, c));
  const rows = table.rows.map(({ line, values }) => {
    const row = { respondentId: values.respondent_id.trim(), coder: values.coder.trim(), theme: values.theme.trim() };
    [row.respondentId, row.coder, row.theme].forEach((v, k) => {
      if (v === "") throw new InputError(`the ${["respondent id", "coder", "theme"][k]} is empty`, o.codings, line, cols[k]);
    });
    return row;
  });
  const doc = agreementDocument(rows, { seed: o.seed });
  io.stdout(JSON.stringify(doc, null, 2) + "\n");
  io.stderr(
    `${doc.units} units, ${doc.coders.length} coders, alpha=${doc.alpha === null ? "n/a" : doc.alpha.toFixed(3)}${doc.kappa === null ? "" : ` kappa=${doc.kappa.toFixed(3)}`}\n`,
  );
}

function parseOptions<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new InputError(parsed.error.issues[0].message);
  return parsed.data;
}

const COMMANDS: Record<string, (io: CliIo, raw: Record<string, unknown>) => void> = {
  weights: weightsCommand,
  aggregate: aggregateCommand,
  rank: rankCommand,
  pairwise: pairwiseCommand,
  themes: themesCommand,
  agreement: agreementCommand,
};

const USAGE = `usage: npm run --silent cli -- <weights|aggregate|rank|pairwise|themes|agreement> [options]  (see README)\n`;

export function run(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  const handler = command ? COMMANDS[command] : undefined;
  if (!handler) {
    io.stderr(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
    return 2;
  }
  try {
    const { values } = parseArgs({ args: rest, options: Object.fromEntries(OPTION_NAMES.map((n) => [n, { type: "string" as const }])), strict: true });
    handler(io, values);
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      io.stderr(`error: ${e.describe()}\n`);
      return 2;
    }
    if (e instanceof Error && "code" in e && String((e as { code: unknown }).code).startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`error: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

const OPTION_NAMES = [
  "respondents",
  "margins",
  "id",
  "base-weight",
  "tolerance",
  "max-iterations",
  "trim",
  "responses",
  "rule",
  "threshold-in",
  "threshold-out",
  "bound",
  "groups",
  "group-weighting",
  "profile-columns",
  "ballots",
  "method",
  "wins",
  "text",
  "codebook",
  "codings",
  "k",
  "themes",
  "seed",
  "language",
  "lsa-rank",
];

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = run(process.argv.slice(2), {
    readFile: (p) => readFileSync(p, "utf8"),
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}

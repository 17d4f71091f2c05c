/**
 * Validates a candidate-outcome CSV (code, domain, statement, description,
 * optional source) and reports every problem with its line and column. Pure.
 */
import type { CsvTable } from "./csv";

export interface OutcomeImportRow {
  line: number;
  code: string;
  domain: string;
  statement: string;
  description: string;
  source: string;
}

export interface ImportProblem {
  line: number;
  column: number;
  /** A translation key under outcomes.import.errors, with its parameters. */
  key: string;
  params?: Record<string, string | number>;
}

export const OUTCOME_COLUMNS = ["code", "domain", "statement", "description"] as const;
/** An outcome code: up to 20 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export const OUTCOME_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,19}$/;

export function validateOutcomeImport(table: CsvTable): { rows: OutcomeImportRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  for (const name of OUTCOME_COLUMNS) {
    if (!table.header.includes(name)) problems.push({ line: 1, column: 1, key: "missingColumn", params: { column: name } });
  }
  if (problems.length) return { rows: [], problems };
  const col = (name: string) => table.header.indexOf(name) + 1;
  const seen = new Map<string, number>();
  const rows: OutcomeImportRow[] = [];
  for (const { line, values } of table.rows) {
    const code = values.code.trim();
    const domain = values.domain.trim();
    const statement = values.statement.trim();
    const description = values.description.trim();
    const before = problems.length;
    if (!code) problems.push({ line, column: col("code"), key: "codeRequired" });
    else if (!OUTCOME_CODE.test(code)) problems.push({ line, column: col("code"), key: "codeFormat", params: { code } });
    else if (code.toLowerCase() === "new") problems.push({ line, column: col("code"), key: "codeReserved", params: { code } });
    else if (seen.has(code.toUpperCase()))
      problems.push({ line, column: col("code"), key: "codeDuplicate", params: { code, first: seen.get(code.toUpperCase())! } });
    if (!domain) problems.push({ line, column: col("domain"), key: "domainRequired" });
    else if (domain.length > 120) problems.push({ line, column: col("domain"), key: "domainTooLong" });
    if (!statement) problems.push({ line, column: col("statement"), key: "statementRequired" });
    else if (statement.length > 300) problems.push({ line, column: col("statement"), key: "statementTooLong" });
    if (description.length > 2000) problems.push({ line, column: col("description"), key: "descriptionTooLong" });
    if (code && !seen.has(code.toUpperCase())) seen.set(code.toUpperCase(), line);
    if (problems.length === before) rows.push({ line, code, domain, statement, description, source: (values.source ?? "").trim().slice(0, 200) });
  }
  if (table.rows.length === 0) problems.push({ line: 2, column: 1, key: "noRows" });
  return { rows, problems };
}

/** A stable code for a new domain from its name ("Joined-up care" → "joined-up-care"). */
export function domainCode(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "domain"
  );
}

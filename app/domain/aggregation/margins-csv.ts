/** Population margins from CSV (`variable,category,target`), shared by the CLI and the app. Pure. */
import { CsvError, parseCsv } from "../csv";
import { marginKey, type Margin } from "./raking";

export interface MarginRow {
  variable: string;
  category: string;
  target: number;
  /** Line of the margins file the row came from, when it came from one. */
  line?: number;
}

/** Throws CsvError naming the line and column of the first problem. */
export function parseMarginsCsv(text: string, allowedVariables?: readonly string[]): { rows: MarginRow[]; margins: Margin[] } {
  const table = parseCsv(text);
  const col = (name: string) => {
    const k = table.header.indexOf(name);
    if (k < 0) throw new CsvError(`the header has no column "${name}"`, 1, 1);
    return k + 1;
  };
  const [variableCol, categoryCol, targetCol] = [col("variable"), col("category"), col("target")];
  const rows: MarginRow[] = table.rows.map(({ line, values }) => {
    const variables = values.variable.split(":").map((v) => v.trim());
    for (const v of variables) {
      if (!v) throw new CsvError("the variable is empty", line, variableCol);
      if (allowedVariables && !allowedVariables.includes(v)) throw new CsvError(`"${v}" is not one of: ${allowedVariables.join(", ")}`, line, variableCol);
    }
    if (values.category.split(":").length !== variables.length) {
      throw new CsvError(`category "${values.category}" must have one part per variable (${variables.length})`, line, categoryCol);
    }
    const target = Number(values.target);
    if (values.target.trim() === "" || !Number.isFinite(target) || target < 0)
      throw new CsvError(`target "${values.target}" is not a non-negative number`, line, targetCol);
    return { variable: variables.join(":"), category: values.category, target, line };
  });
  if (rows.length === 0) throw new CsvError("there are no margins in the file", 2, 1);
  try {
    return { rows, margins: marginsFromRows(rows) };
  } catch (e) {
    // marginsFromRows names the line; the column is the target's.
    if (e instanceof CsvError && e.line > 0) throw new CsvError(e.message, e.line, targetCol);
    throw e;
  }
}

/** Groups rows into margins; rows for the same category must agree. */
export function marginsFromRows(rows: readonly MarginRow[]): Margin[] {
  const byKey = new Map<string, Margin>();
  for (const r of rows) {
    const variables = r.variable.split(":");
    const key = marginKey(variables);
    const margin = byKey.get(key) ?? { variables, targets: new Map<string, number>() };
    const existing = margin.targets.get(r.category);
    if (existing !== undefined && existing !== r.target)
      throw new CsvError(`category "${r.category}" of ${key} is given two different targets`, r.line ?? 0, 0);
    margin.targets.set(r.category, r.target);
    byKey.set(key, margin);
  }
  return [...byKey.values()];
}

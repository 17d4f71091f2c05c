import type { ImportProblem } from "../domain/outcome-import";
import { Table } from "./components";

/** Every problem a CSV import found, by line and column (imports are all or nothing). */
export function ImportReport({
  problems,
  caption,
  head,
  describe,
}: {
  problems: ImportProblem[];
  caption: string;
  head: [string, string, string];
  describe: (p: ImportProblem) => string;
}) {
  if (problems.length === 0) return null;
  return <Table caption={caption} head={head} numericColumns={[1]} rows={problems.map((p) => [String(p.line), String(p.column), describe(p)])} />;
}

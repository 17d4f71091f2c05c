/** `npm run bench [-- aggregation|load ...]`: benchmarks, not part of `npm test`. Figures go to standard output. */
import { formatAggregationReport, runAggregationBench } from "./aggregation.bench";
import { formatLoadReport, runLoadBench } from "./load.bench";

const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

if (wanted("aggregation")) {
  const report = await runAggregationBench();
  console.log(formatAggregationReport(report));
}
if (wanted("load")) {
  const report = await runLoadBench();
  console.log(formatLoadReport(report));
  if (report.verification.problems.length) process.exitCode = 1;
}

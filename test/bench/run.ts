/**
 * `npm run bench [-- aggregation|publication|load|faults|themes ...]` (or BENCH_ONLY=name): benchmarks, not part
 * of `npm test`. Figures go to standard output.
 */
import { formatAggregationReport, runAggregationBench } from "./aggregation.bench";
import { formatLoadComparison, formatLoadReport, loadConfigs, runLoadBench, stopBenchPostgres, type LoadReport } from "./load.bench";
import { formatPublicationReport, runPublicationBench } from "./publication.bench";
import { formatFaultReport, runFaultScenario } from "../helpers/faults";
import { formatThemesReport, runThemesBench } from "./themes.bench";

const only = [...process.argv.slice(2), ...(process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(",") : [])];
const wanted = (name: string) => only.length === 0 || only.includes(name);

if (wanted("aggregation")) console.log(formatAggregationReport(await runAggregationBench()));
if (wanted("publication")) console.log(formatPublicationReport(await runPublicationBench()));
if (wanted("load")) {
  const reports: LoadReport[] = [];
  try {
    for (const config of loadConfigs()) {
      const report = await runLoadBench(config);
      reports.push(report);
      console.log(formatLoadReport(report));
      if (report.verification.problems.length) process.exitCode = 1;
    }
  } finally {
    await stopBenchPostgres();
  }
  if (reports.length > 1) console.log(formatLoadComparison(reports));
}
if (wanted("themes")) console.log(formatThemesReport(runThemesBench()));
if (wanted("faults")) {
  const report = await runFaultScenario({ participants: 32, kills: 10, seed: Date.now() % 100000 });
  console.log(formatFaultReport(report));
  if (report.problems.length) process.exitCode = 1;
}

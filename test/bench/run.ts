/** `npm run bench`: benchmarks, not part of `npm test`. Figures go to standard output. */
import { formatAggregationReport, runAggregationBench } from "./aggregation.bench";

const report = await runAggregationBench();
console.log(formatAggregationReport(report));

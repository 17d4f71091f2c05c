/** `npm run bench`: benchmarks, not part of `npm test`. Figures go to standard output. */
import { formatAggregationReport, runAggregationBench } from "./aggregation.bench";
import { formatPublicationReport, runPublicationBench } from "./publication.bench";

const only = process.env.BENCH_ONLY;
if (!only || only === "aggregation") console.log(formatAggregationReport(await runAggregationBench()));
if (!only || only === "publication") console.log(formatPublicationReport(await runPublicationBench()));

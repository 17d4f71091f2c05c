/**
 * Benchmark of the aggregation engine: a synthetic panel of 100,000
 * respondents × 40 outcomes × 2 rounds; times raking on three margins and the
 * full aggregate (median of several runs), peak memory, and, when R with the
 * survey package is installed, the same raking through calibrate(..., calfun =
 * "raking") on the same data in the same run: time ratio and largest relative
 * difference in weights.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { aggregate, aggregateColumns, codesOf, rake, toColumns, type Margin, type Rating, type ResponseRow } from "../../app/domain/aggregation";

const N = Number(process.env.BENCH_RESPONDENTS ?? 100_000);
const OUTCOMES = 40;
const GROUPS = ["citizen", "carer", "service-user", "professional"];
const AGES = ["18-34", "35-49", "50-64", "65-74", "75+"];
const SEXES = ["female", "male"];
const PLACES = ["Nottingham City", "Nottingham North and East", "Nottingham West", "Rushcliffe"];

/** mulberry32: a small seeded PRNG, so every run measures the same data. */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rand: () => number, items: T[], skew: number[]): T {
  const total = skew.reduce((a, b) => a + b, 0);
  let x = rand() * total;
  for (let i = 0; i < items.length; i++) if ((x -= skew[i]) < 0) return items[i];
  return items[items.length - 1];
}

export function syntheticPanel(n = N): ResponseRow[] {
  const rand = prng(20261122);
  const codes = Array.from({ length: OUTCOMES }, (_, k) => `O${k + 1}`);
  const rows: ResponseRow[] = [];
  for (let i = 0; i < n; i++) {
    // The panel over-represents older women, as real panels do, and sex and locality depend on
    // age (as in a real panel), so raking has to iterate rather than converge in a pass or two.
    const age = pick(rand, [0, 1, 2, 3, 4], [1, 2, 3, 4, 3]);
    const profile = {
      age_band: AGES[age],
      sex: pick(rand, SEXES, age >= 3 ? [4, 1] : [1, 1]),
      locality: pick(rand, PLACES, age <= 1 ? [6, 1, 1, 1] : [1, 2, 2, 4]),
    };
    const group = pick(rand, GROUPS, [5, 2, 2, 1]);
    for (const round of [1, 2]) {
      if (round === 2 && rand() < 0.2) continue; // 20% attrition
      const ratings: Record<string, Rating> = {};
      codes.forEach((code, k) => {
        const u = rand();
        const centre = 3 + ((k * 7) % 6) + (profile.age_band === "75+" ? 0.5 : 0);
        ratings[code] = u < 0.02 ? "U" : u < 0.04 ? null : Math.min(9, Math.max(1, Math.round(centre + (rand() - 0.5) * 5)));
      });
      rows.push({ respondentId: `R${i}`, round, group, profile, ratings });
    }
  }
  return rows;
}

export function benchMargins(n = N): Margin[] {
  // Population shares (Census-like), as counts scaled to a population of 10 × n.
  const pop = 10 * n;
  const share = (xs: number[]) => xs.map((x) => (x / xs.reduce((a, b) => a + b, 0)) * pop);
  const age = share([30, 25, 24, 12, 9]);
  const sex = share([51, 49]);
  const place = share([33, 22, 20, 25]);
  return [
    { variables: ["age_band"], targets: new Map(AGES.map((c, i) => [c, age[i]])) },
    { variables: ["sex"], targets: new Map(SEXES.map((c, i) => [c, sex[i]])) },
    { variables: ["locality"], targets: new Map(PLACES.map((c, i) => [c, place[i]])) },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(fn: () => void, runs: number): number[] {
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    fn();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

export interface AggregationBenchReport {
  respondents: number;
  rows: number;
  outcomes: number;
  cpus: number;
  node: string;
  /** Raking round 1 (~100k respondents) on three margins, tolerance 1e-12; median of 5. */
  rakingMs: number;
  rakingIterations: number;
  /** aggregateColumns on columns: raking per round, 40 outcomes × 2 rounds × 4 groups, consensus, framework; median of 5. */
  aggregateMs: number;
  /** Finding the outcome codes (codesOf) and building columns (toColumns) from row objects; medians of 3. */
  codesMs: number;
  conversionMs: number;
  /** aggregate(rows): everything from row objects to the result, as a caller without columns pays it; median of 3. */
  endToEndMs: number;
  /** Process peak resident set (getrusage maxRSS) and the largest V8 heap seen between phases. */
  peakRssMb: number;
  peakHeapMb: number;
  r?: { version: string; rakingMs: number; ratio: number; maxRelativeDifference: number } | { unavailable: string };
}

function runR(respondents: Array<Record<string, string>>, margins: Margin[], ours: Float64Array): AggregationBenchReport["r"] {
  const probe = spawnSync("Rscript", ["-e", 'suppressMessages(library(survey)); cat(as.character(packageVersion("survey")))'], { encoding: "utf8" });
  if (probe.status !== 0) return { unavailable: "Rscript with the survey package is not installed (Debian: apt-get install r-cran-survey)" };
  const dir = mkdtempSync(path.join(tmpdir(), "bench-r-"));
  try {
    const lines = ["age_band,sex,locality", ...respondents.map((r) => `${r.age_band},${r.sex},${r.locality}`)];
    writeFileSync(path.join(dir, "resp.csv"), lines.join("\n") + "\n");
    const m = (name: string) => margins.find((x) => x.variables[0] === name)!;
    const script = `
suppressMessages(library(survey))
d <- read.csv("${dir}/resp.csv", stringsAsFactors = TRUE)
d$age_band <- factor(d$age_band, levels = c(${AGES.map((a) => `"${a}"`).join(",")}))
d$sex <- factor(d$sex, levels = c(${SEXES.map((a) => `"${a}"`).join(",")}))
d$locality <- factor(d$locality, levels = c(${PLACES.map((a) => `"${a}"`).join(",")}))
# Raking is invariant to scaling the base weights; R's grake (Newton steps on the
# multipliers) fails to converge from unit weights when the targets are 10x the
# sample, so R starts from total / n while our engine starts from 1.
des <- svydesign(ids = ~1, data = d, weights = rep(${[...m("age_band").targets.values()].reduce((a, b) => a + b, 0)} / nrow(d), nrow(d)))
pop <- c("(Intercept)" = ${[...m("age_band").targets.values()].reduce((a, b) => a + b, 0)},
  ${AGES.slice(1)
    .map((a) => `"age_band${a}" = ${m("age_band").targets.get(a)}`)
    .join(", ")},
  ${SEXES.slice(1)
    .map((a) => `"sex${a}" = ${m("sex").targets.get(a)}`)
    .join(", ")},
  ${PLACES.slice(1)
    .map((a) => `"locality${a}" = ${m("locality").targets.get(a)}`)
    .join(", ")})
times <- replicate(3, system.time(cal <<- calibrate(des, ~age_band + sex + locality, pop, calfun = "raking", epsilon = 1e-12, maxit = 1000))[["elapsed"]])
write.csv(data.frame(w = weights(cal)), "${dir}/w.csv", row.names = FALSE)
cat(median(times) * 1000)
`;
    writeFileSync(path.join(dir, "rake.R"), script);
    const res = spawnSync("Rscript", [path.join(dir, "rake.R")], { encoding: "utf8", maxBuffer: 1 << 26 });
    if (res.status !== 0) return { unavailable: `R failed: ${res.stderr.slice(0, 500)}` };
    const rMs = Number(res.stdout.trim().split("\n").pop());
    const rw = readFileSync(path.join(dir, "w.csv"), "utf8").trim().split("\n").slice(1).map(Number);
    let worst = 0;
    rw.forEach((w, i) => (worst = Math.max(worst, Math.abs(ours[i] - w) / w)));
    return { version: `survey ${probe.stdout.trim()}`, rakingMs: rMs, ratio: 0, maxRelativeDifference: worst };
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

export async function runAggregationBench(): Promise<AggregationBenchReport> {
  let peakHeap = 0;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const rows = syntheticPanel();
  const margins = benchMargins();
  sample();
  const round1 = rows.filter((r) => r.round === 1);
  const profiles = round1.map((r) => r.profile);
  let weights: Float64Array = new Float64Array(0);
  let rakingIterations = 0;
  rake(profiles, margins, { tolerance: 1e-12 }); // warm-up
  const rakingMs = median(
    time(() => {
      const r = rake(profiles, margins, { tolerance: 1e-12 });
      weights = r.weights;
      rakingIterations = r.iterations;
    }, 5),
  );
  sample();
  let codes: string[] = [];
  const codesMs = median(time(() => (codes = codesOf(rows)), 3));
  let columns = toColumns(rows.slice(0, 100), codes);
  const conversionMs = median(time(() => (columns = toColumns(rows, codes)), 3));
  sample();
  aggregateColumns(toColumns(rows.slice(0, 2000)), { margins }); // warm-up
  const aggregateMs = median(time(() => aggregateColumns(columns, { margins }), 5));
  sample();
  const endToEndMs = median(time(() => aggregate(rows, { margins }), 3));
  sample();
  const report: AggregationBenchReport = {
    respondents: N,
    rows: rows.length,
    outcomes: OUTCOMES,
    cpus: availableParallelism(),
    node: process.version,
    rakingMs,
    rakingIterations,
    aggregateMs,
    codesMs,
    conversionMs,
    endToEndMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
  };
  const r = runR(profiles, margins, weights);
  if (r && "rakingMs" in r) r.ratio = r.rakingMs / rakingMs;
  report.r = r;
  return report;
}

export function formatAggregationReport(r: AggregationBenchReport): string {
  const lines = [
    `Aggregation engine: ${r.respondents.toLocaleString("en-GB")} respondents, ${r.rows.toLocaleString("en-GB")} response rows (2 rounds), ${r.outcomes} outcomes; Node ${r.node}, ${r.cpus} CPUs`,
    `  raking on 3 margins (round 1, tolerance 1e-12, ${r.rakingIterations} iterations), median of 5: ${r.rakingMs.toFixed(1)} ms`,
    `  full aggregate on columns (raking per round, 40 outcomes × 2 rounds × 4 groups, consensus, framework), median of 5: ${r.aggregateMs.toFixed(0)} ms (target < 2000 ms)`,
    `  from row objects: codesOf ${r.codesMs.toFixed(0)} ms + toColumns ${r.conversionMs.toFixed(0)} ms (medians of 3); aggregate(rows) end to end, median of 3: ${r.endToEndMs.toFixed(0)} ms (target < 2000 ms)`,
    `  peak resident memory of the process: ${r.peakRssMb.toFixed(0)} MB; largest V8 heap seen between phases: ${r.peakHeapMb.toFixed(0)} MB`,
  ];
  if (r.r && "rakingMs" in r.r) {
    lines.push(
      `  R ${r.r.version} calibrate(calfun = "raking"), same data, median of 3: ${r.r.rakingMs.toFixed(0)} ms → ours is ${r.r.ratio.toFixed(1)}× faster`,
      `  largest relative difference from R's weights: ${r.r.maxRelativeDifference.toExponential(2)} (target ≤ 1e-6)`,
    );
  } else if (r.r) {
    lines.push(`  R comparison skipped: ${r.r.unavailable}`);
  }
  return lines.join("\n");
}

// `npx tsx test/bench/aggregation.bench.ts`: the report on stdout, then the raw figures as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const report = await runAggregationBench();
  console.log(formatAggregationReport(report));
  console.log(JSON.stringify(report, null, 2));
}

/**
 * Benchmark of the published summary page: the real production
 * server (node server.js on a fresh seeded database, the demo summary
 * published) against a bare Node HTTP server sending the same bytes, in one
 * run, on loopback, with a bounded load generator (autocannon: a fixed number
 * of connections for a fixed time). Target: the app serves at least 30% of the
 * bare server's requests per second.
 */
import autocannon from "autocannon";
import { createServer, type Server } from "node:http";
import { publishDemo } from "../helpers/publication";
import { freePort, startServer } from "../helpers/server";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TARGET = 0.3;

export interface LoadFigures {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  throughputMBs: number;
  non2xx: number;
  errors: number;
}

export interface PublicationBenchReport {
  bytes: number;
  connections: number;
  seconds: number;
  app: LoadFigures;
  bare: LoadFigures;
  ratio: number;
  target: number;
}

async function load(url: string, seconds: number): Promise<LoadFigures> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1 });
  return {
    requestsPerSecond: r.requests.average,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    throughputMBs: r.throughput.average / 1e6,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

export async function runPublicationBench(): Promise<PublicationBenchReport> {
  const app = await startServer();
  let bare: Server | null = null;
  try {
    const path = await publishDemo(app.url);
    const url = `${app.url.replace("localhost", "127.0.0.1")}${path}`;
    // The page as a visitor without gzip gets it (autocannon sends no Accept-Encoding).
    const first = await fetch(url, { headers: { "Accept-Encoding": "identity" } });
    const body = Buffer.from(await first.arrayBuffer());
    if (first.status !== 200) throw new Error(`summary page: ${first.status}`);
    const contentType = first.headers.get("content-type") ?? "text/html; charset=utf-8";
    const port = await freePort();
    bare = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": contentType, "Content-Length": body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => bare!.listen(port, "127.0.0.1", resolve));
    const bareUrl = `http://127.0.0.1:${port}${path}`;
    const check = Buffer.from(await (await fetch(bareUrl)).arrayBuffer());
    if (!check.equals(body)) throw new Error("the bare server does not send the same bytes");
    // Warm both up, then measure each for the same time.
    await load(url, 2);
    await load(bareUrl, 2);
    const appFigures = await load(url, SECONDS);
    const bareFigures = await load(bareUrl, SECONDS);
    return {
      bytes: body.length,
      connections: CONNECTIONS,
      seconds: SECONDS,
      app: appFigures,
      bare: bareFigures,
      ratio: appFigures.requestsPerSecond / bareFigures.requestsPerSecond,
      target: TARGET,
    };
  } finally {
    await new Promise((resolve) => (bare ? bare.close(resolve) : resolve(undefined)));
    await app.stop();
  }
}

export function formatPublicationReport(r: PublicationBenchReport): string {
  const row = (name: string, f: LoadFigures) =>
    `| ${name} | ${Math.round(f.requestsPerSecond).toLocaleString("en-GB")} | ${f.latencyP50} ms | ${f.latencyP99} ms | ${f.throughputMBs.toFixed(1)} MB/s | ${f.non2xx + f.errors} |`;
  return [
    `## Published summary page (${(r.bytes / 1024).toFixed(1)} KiB of HTML, ${r.connections} connections, ${r.seconds} s each, loopback)`,
    "",
    "| server | requests/s | latency p50 | latency p99 | throughput | non-2xx or errors |",
    "| --- | --- | --- | --- | --- | --- |",
    row("app: node server.js, /summaries/joined-up-care (cached)", r.app),
    row("bare node:http sending the same bytes", r.bare),
    "",
    `App throughput is ${(100 * r.ratio).toFixed(0)}% of the bare server's (target at least ${100 * r.target}%): ${r.ratio >= r.target ? "met" : "NOT met"}.`,
  ].join("\n");
}

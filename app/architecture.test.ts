/** Rules of the code's shape that a type checker cannot hold, checked on the source itself. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const APP = path.dirname(new URL(import.meta.url).pathname);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

const files = sources(APP).map((file) => ({ file: path.relative(APP, file), text: readFileSync(file, "utf8") }));

describe("transactions", () => {
  it("begin only through inTransaction (app/db.server.ts): no other .transaction( call in the application", () => {
    const offenders = files.filter((f) => f.file !== "db.server.ts" && /\.transaction\(/.test(f.text)).map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it("need no cast: nothing turns a transaction into a DB by hand", () => {
    const offenders = files.filter((f) => f.file !== "db.server.ts" && /as unknown as (DB|typeof db|Tx)\b/.test(f.text)).map((f) => f.file);
    expect(offenders).toEqual([]);
  });
});

describe("queries", () => {
  it("use the awaited form PostgreSQL's drizzle also has: no .all() or .get() on a query builder (raw better-sqlite3 statements and the journey's prepared reads aside)", () => {
    const offenders = files.flatMap((f) =>
      f.text
        .split("\n")
        .map((line, i) => ({ line, at: `${f.file}:${i + 1}` }))
        .filter(({ line }) => /\.(all|get)\(\)/.test(line) && !/prepare\(|reads\(db\)/.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});

/** Import specifiers of a source text (static imports and re-exports). */
const importsOf = (text: string) => [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g)].map((m) => m[1]);

describe("layers", () => {
  it("app/domain imports nothing outside app/domain but a few pure packages (no framework, database, Node or i18n)", () => {
    const PURE_PACKAGES = new Set(["zod", "stopword", "porter2"]);
    const offenders: string[] = [];
    for (const f of files.filter((x) => x.file.startsWith("domain/"))) {
      for (const spec of importsOf(f.text)) {
        const inside = spec.startsWith(".") && path.resolve(APP, path.dirname(f.file), spec).startsWith(path.join(APP, "domain") + path.sep);
        if (!inside && !PURE_PACKAGES.has(spec)) offenders.push(`${f.file} imports ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  /** Routes reach data through services (use cases and the reads they pass through): no repositories, no schema, no drizzle. */
  it("routes import no repositories, schema or drizzle", () => {
    const reaching = files
      .filter((f) => f.file.startsWith("routes/") && importsOf(f.text).some((spec) => /(^|\/)repos\/|(^|\/)db\/|^drizzle-orm/.test(spec)))
      .map((f) => f.file);
    expect(reaching).toEqual([]);
  });

  it("routes never open the database: they take it from the load context (args.context.db) and hand it to services", () => {
    const opening = files.filter((f) => f.file.startsWith("routes/") && /\b(getDb|openDatabase|openPostgres|inTransaction)\(/.test(f.text)).map((f) => f.file);
    expect(opening).toEqual([]);
  });
});

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
/** The same, without type-only imports (`import type …`), which leave nothing in the running code. */
const runtimeImportsOf = (text: string) => [...text.matchAll(/(?:import|export)(?!\s+type\b)[^'"]*?from\s*["']([^"']+)["']/g)].map((m) => m[1]);

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

describe("route modules", () => {
  const routes = files.filter((f) => f.file.startsWith("routes/"));

  it("are small: loader, action and a short component (no module over 250 lines; markup lives in app/ui/<area>/)", () => {
    const long = routes.filter((f) => f.text.split("\n").length > 250).map((f) => `${f.file}: ${f.text.split("\n").length} lines`);
    expect(long).toEqual([]);
  });

  it("refuse a form one way, through fail() (app/utils/forms.ts), never a hand-built json({ errors })", () => {
    const handBuilt = routes.filter((f) => /json\(\s*\{\s*errors/.test(f.text)).map((f) => f.file);
    expect(handBuilt).toEqual([]);
  });

  it("translate an action's errors through useTranslatedErrors (app/ui), not a copy of the map", () => {
    const copies = routes.filter((f) => /Object\.entries\(\s*\w+(\?\.|\.)errors/.test(f.text)).map((f) => f.file);
    expect(copies).toEqual([]);
  });
});

describe("guards and views", () => {
  it("services throw no HTTP responses: the guards that do live in app/auth", () => {
    const throwing = files.filter((f) => f.file.startsWith("services/") && /throw (new Response|redirect\(|json\()/.test(f.text)).map((f) => f.file);
    expect(throwing).toEqual([]);
  });

  it("app/ui renders what it is given: no repositories, services or database (their types aside)", () => {
    const reaching = files
      .filter((f) => f.file.startsWith("ui/") && runtimeImportsOf(f.text).some((spec) => /(^|\/)(repos|services)\/|db\.server|(^|\/)db\//.test(spec)))
      .map((f) => f.file);
    expect(reaching).toEqual([]);
  });

  it("services and app/auth import nothing from app/ui or app/routes", () => {
    const reaching = files
      .filter((f) => /^(services|auth|repos)\//.test(f.file) && importsOf(f.text).some((spec) => /(^|\/)(ui|routes)\//.test(spec)))
      .map((f) => f.file);
    expect(reaching).toEqual([]);
  });
});

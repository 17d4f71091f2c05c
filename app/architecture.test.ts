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

  /**
   * Routes reach data through services: no repositories, no schema, no drizzle. These route
   * modules still do and move onto services in the data-layer sweep; the list may only shrink
   * (a new route that imports them fails, and so does a listed one that no longer needs to be here).
   */
  const NOT_YET_ON_SERVICES = new Set([
  "_index.tsx",
  "consultations.$slug._index.tsx",
  "consultations.$slug.codebook.tsx",
  "consultations.$slug.edit.$locale.tsx",
  "consultations.$slug.edit.$locale_.remove.tsx",
  "consultations.$slug.edit._index.tsx",
  "consultations.$slug.framework.$version.trace.$code.tsx",
  "consultations.$slug.framework._index.tsx",
  "consultations.$slug.framework.compare.tsx",
  "consultations.$slug.framework.outcomes.$code.tsx",
  "consultations.$slug.framework.outcomes.$code_.indicators.$indicator.tsx",
  "consultations.$slug.framework.reweight.tsx",
  "consultations.$slug.framework.weights.tsx",
  "consultations.$slug.invitations.tsx",
  "consultations.$slug.invitations_.emails.tsx",
  "consultations.$slug.moderation.$answerId.tsx",
  "consultations.$slug.moderation._index.tsx",
  "consultations.$slug.outcomes._index.tsx",
  "consultations.$slug.outcomes[.]csv.ts",
  "consultations.$slug.participation.tsx",
  "consultations.$slug.results.tsx",
  "consultations.$slug.rounds.$number._index.tsx",
  "consultations.$slug.rounds.$number.import.tsx",
  "consultations.$slug.signatories.tsx",
  "consultations.$slug.survey.tsx",
  "consultations.$slug.themes.$questionId.codings[.]csv.ts",
  "consultations.new.tsx",
  "dashboard.tsx",
  "join.$token.tsx",
  "partnerships.$slug.groups.$groupId._index.tsx",
  "partnerships.$slug.groups.$groupId.members.$memberId.tsx",
  "partnerships.$slug.groups.$groupId.members.$memberId_.data[.]json.ts",
  "partnerships.$slug.groups.$groupId.members.$memberId_.privacy.tsx",
  "partnerships.$slug.groups.$groupId.members[.]csv.ts",
  "partnerships.$slug.groups._index.tsx",
  "partnerships.$slug.users.tsx",
  "sign-out.tsx",
  "summaries.$slug_.images.$id.ts",
  "summaries._index.tsx"
  ]);

  it("routes import no repositories, schema or drizzle (those not yet moved are listed, and the list only shrinks)", () => {
    const reaching = files
      .filter((f) => f.file.startsWith("routes/") && importsOf(f.text).some((spec) => /(^|\/)repos\/|(^|\/)db\/|^drizzle-orm/.test(spec)))
      .map((f) => f.file.slice("routes/".length));
    expect(reaching.filter((f) => !NOT_YET_ON_SERVICES.has(f)), "routes that must call services instead").toEqual([]);
    expect([...NOT_YET_ON_SERVICES].filter((f) => !reaching.includes(f)), "moved onto services: take them off the list").toEqual([]);
  });
});

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

/**
 * `npm run db:backup` and `db:restore` with DATABASE_URL on a real, throwaway PostgreSQL: the
 * dump is taken while the database serves, checked, and restored in one transaction; what was
 * written after the backup is gone, what was there before is back, and the database's rules
 * (the append-only audit log, a PL/pgSQL trigger) come back with it.
 */
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPgDump } from "../app/ops/pg-backup.server";
import { postgresUnavailable, startPostgres, type Postgres } from "../test/helpers/postgres";

const skip = postgresUnavailable();
if (skip) console.warn(`Skipping the PostgreSQL backup test: ${skip}`);

/** Runs the command line exactly as the README gives it. */
function cli(args: string[], databaseUrl: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "db/backup.ts", ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: databaseUrl } });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!!skip)("backup and restore of PostgreSQL", () => {
  let server: Postgres;
  let pool: pg.Pool;
  let dir: string;
  beforeAll(async () => {
    server = await startPostgres();
    pool = new pg.Pool({ connectionString: server.url, max: 2 });
    await migrate(drizzle(pool), { migrationsFolder: path.resolve("db/migrations-pg") });
    dir = mkdtempSync(path.join(tmpdir(), "pg-backup-"));
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("backs up with pg_dump, refuses a file that is not a dump, and restores what was there at the backup", async () => {
    await pool.query("insert into partnerships (id, slug, name) values (1, 'p-1', 'Partnership')");
    await pool.query("insert into consultations (id, partnership_id, slug, updated_at) values (1, 1, 'before-backup', now())");
    await pool.query("insert into audit_log (id, at, action, entity_type) values (1, now(), 'test.before', 'backup')");

    const file = path.join(dir, "app.pgdump");
    const backup = cli(["backup", file], server.url);
    expect(backup.status, backup.out).toBe(0);
    expect(backup.out).toContain("readable by pg_restore");
    expect(backup.out).toContain('"consultations":1');
    expect(backup.out).toContain('"audit_log":1');
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(checkPgDump(file, ["consultations", "audit_log"])).toBeGreaterThan(50);

    // Written after the backup: gone after the restore.
    await pool.query("insert into consultations (id, partnership_id, slug, updated_at) values (2, 1, 'after-backup', now())");
    await pool.query("insert into audit_log (id, at, action, entity_type) values (2, now(), 'test.after', 'backup')");

    // Not a dump: refused with a message and exit 2, and the database is left as it was.
    const junk = path.join(dir, "junk.pgdump");
    await import("node:fs").then((fs) => fs.writeFileSync(junk, "not a dump"));
    const refused = cli(["restore", junk], server.url);
    expect(refused.status).toBe(2);
    expect(refused.out).toMatch(/pg_restore failed/);
    expect(Number((await pool.query("select count(*) as n from consultations")).rows[0].n)).toBe(2);

    await pool.end();
    const restore = cli(["restore", file], server.url);
    expect(restore.status, restore.out).toBe(0);
    expect(restore.out).toContain("in one transaction");
    pool = new pg.Pool({ connectionString: server.url, max: 2 });
    const slugs = (await pool.query("select slug from consultations order by id")).rows.map((r) => r.slug);
    expect(slugs).toEqual(["before-backup"]);
    expect((await pool.query("select action from audit_log order by id")).rows.map((r) => r.action)).toEqual(["test.before"]);
    // The rules came back too: the audit log is still append-only.
    await expect(pool.query("update audit_log set action = 'rewritten' where id = 1")).rejects.toThrow(/append-only/);
  }, 120_000);

  it("does not print the password of the address it backs up", () => {
    const withPassword = server.url.replace("postgres://app@", "postgres://app:s3cret-pass@");
    const r = cli(["backup", path.join(dir, "second.pgdump")], withPassword);
    expect(r.status, r.out).toBe(0);
    expect(r.out).not.toContain("s3cret-pass");
    expect(existsSync(path.join(dir, "second.pgdump"))).toBe(true);
  }, 60_000);
});

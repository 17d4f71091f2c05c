/**
 * A throwaway PostgreSQL cluster for tests: `initdb` + `pg_ctl` in a temporary
 * directory, listening on 127.0.0.1 on a free port, trust authentication, no locale (byte order
 * collation like SQLite's), fsync off (the data is thrown away). PostgreSQL refuses to run as
 * root, so under root the cluster is owned by and run as the `postgres` system user (Debian's
 * package creates it). `.ci/run` installs Debian's `postgresql` package when it is missing.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Postgres {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The directory holding initdb and pg_ctl, or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    /* no pg_config */
  }
  if (existsSync("/usr/lib/postgresql")) {
    for (const v of readdirSync("/usr/lib/postgresql").sort((a, b) => Number(b) - Number(a))) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  candidates.push("/usr/local/bin", "/usr/bin");
  return candidates.find((d) => existsSync(path.join(d, "initdb")) && existsSync(path.join(d, "pg_ctl"))) ?? null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. On CI they must: there this throws instead. */
export function postgresUnavailable(): string | null {
  const reason = postgresBinDir() ? null : "PostgreSQL is not installed (no initdb/pg_ctl found; `apt-get install -y postgresql`, as .ci/run does)";
  if (reason && process.env.CI) throw new Error(`${reason}: on CI the PostgreSQL tests must run`);
  return reason;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function uidOf(user: string): { uid: number; gid: number } | null {
  const r = spawnSync("id", ["-u", user], { encoding: "utf8" });
  const g = spawnSync("id", ["-g", user], { encoding: "utf8" });
  return r.status === 0 && g.status === 0 ? { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) } : null;
}

export async function startPostgres(): Promise<Postgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed");
  const root = mkdtempSync(path.join(tmpdir(), "pg-test-"));
  const data = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? uidOf("postgres") : null;
  if (asRoot && !owner) throw new Error("running as root and there is no `postgres` user to run PostgreSQL as");
  if (owner) {
    chmodSync(root, 0o700);
    chownSync(root, owner.uid, owner.gid);
  }
  const run = (cmd: string, args: string[]) => {
    const full = owner ? (["runuser", ["-u", "postgres", "--", path.join(bin, cmd), ...args]] as const) : ([path.join(bin, cmd), args] as const);
    const r = spawnSync(full[0], full[1] as string[], { encoding: "utf8", cwd: root });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  run("initdb", ["-D", data, "-U", "app", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    path.join(root, "log"),
    "-w",
    "-t",
    "60",
    "-o",
    `-p ${port} -h 127.0.0.1 -k ${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
    "start",
  ]);
  return {
    url: `postgres://app@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}

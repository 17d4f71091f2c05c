// `npm start`: build the app, migrate and seed the demo database, then serve it.
import { spawnSync } from "node:child_process";

function run(command, args, extraEnv = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.NODE_ENV ??= "production";
// The demo has no mail server: without SMTP_HOST, mail is captured in-process and shown
// to staff at /dev/mailbox instead of being sent (set SMTP_HOST to send for real).
if (!process.env.SMTP_HOST) process.env.EMAIL_CAPTURE ??= "true";
run("npm", ["run", "--silent", "build"]);
run("npx", ["tsx", "db/seed.ts"]);
await import("../server.js");

// Every route × every actor, from the list of route files: a new route without a rule fails here.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorClients, Client } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { ACTORS, RULES, type Actor, type Outcome } from "./authz-rules";

const routeIds = readdirSync(path.resolve(__dirname, "../../app/routes"))
  .filter((f) => /\.(tsx?|jsx?)$/.test(f))
  .map((f) => f.replace(/\.(tsx?|jsx?)$/, ""))
  .sort();

let server: TestServer;
const clients = {} as Record<Actor, Client>;

beforeAll(async () => {
  server = await startServer({ SIGN_IN_MAX_ATTEMPTS: "1000" });
  Object.assign(clients, await makeClients());
});

const makeClients = (): Promise<Record<Actor, Client>> => actorClients(server.url);
afterAll(async () => {
  await server?.stop();
});

function classify(res: Response): Outcome | `status ${number}` {
  const s = res.status;
  const location = res.headers.get("Location") ?? "";
  if (s === 200) return "ok";
  if (s >= 300 && s < 400) return location.startsWith("/sign-in") ? "signin" : "redirect";
  if (s === 403) return "deny";
  if (s === 404) return "missing";
  if (s === 405) return "noaction";
  if (s >= 400 && s < 500) return "refused";
  return `status ${s}`;
}

/** "refused" also accepts a PRG redirect (an action may redirect on an empty form) and a 200 re-render. */
function matches(expected: Outcome, actual: string): boolean {
  if (expected === actual) return true;
  if (expected === "refused") return actual === "redirect" || actual === "ok";
  return false;
}

describe("authorisation matrix", () => {
  it("has a rule for every route file, and no rule for a route that does not exist", () => {
    const missing = routeIds.filter((id) => !(id in RULES));
    expect(missing, "add a rule for each of these routes in test/integration/authz-rules.ts").toEqual([]);
    expect(
      Object.keys(RULES).filter((id) => !routeIds.includes(id)),
      "rules for routes that no longer exist",
    ).toEqual([]);
  });

  it.each(routeIds.filter((id) => id in RULES))("%s: every actor gets the expected answer to GET and POST", async (id) => {
    const rule = RULES[id];
    const actors = rule.signsOut ? await makeClients() : clients;
    const problems: string[] = [];
    for (const actor of ACTORS) {
      const get = await actors[actor].get(rule.path);
      const gotGet = classify(get);
      if (!matches(rule.get[actor], gotGet)) problems.push(`GET ${rule.path} as ${actor}: expected ${rule.get[actor]}, got ${gotGet}`);
      const body = await get.text();
      expect(body, `GET ${rule.path} as ${actor} leaked a stack trace`).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules\//);
      const post = await actors[actor].post(rule.path, {});
      const gotPost = classify(post);
      if (!matches(rule.post[actor], gotPost)) problems.push(`POST ${rule.path} as ${actor}: expected ${rule.post[actor]}, got ${gotPost}`);
      expect(await post.text(), `POST ${rule.path} as ${actor} leaked a stack trace`).not.toMatch(/\n\s+at [\w.<>]+ \(|node_modules\//);
    }
    expect(problems).toEqual([]);
  });
});

// Property-based fuzzing (fast-check) of every form action and route parameter, found from the
// route list (test/integration/authz-rules.ts) and the forms each page actually renders:
// at least 10,000 generated inputs; only 2xx/3xx/4xx, never 500, never a stack trace, and
// stored or echoed text always rendered escaped.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorClients, Client } from "../helpers/client";
import { startServer, type TestServer } from "../helpers/server";
import { RULES, type Actor, type RouteRule } from "./authz-rules";

const TOTAL_INPUTS = 10_200;
const CONCURRENCY = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

/** Markers that must never come back unescaped. */
const XSS = ["<script>fuzz()</script>", '"><img src=x onerror=fuzz()>', "<svg onload=fuzz()>"];
const NASTY = [
  "",
  " ",
  "\u0000\u0001\u0008\u001b\u007f",
  "\uD800\uDFFF\uFFFE",
  "'; DROP TABLE responses; --",
  "' OR 1=1 --",
  "../../etc/passwd",
  "%00%ff%fe",
  "1e309",
  "-0",
  "NaN",
  "9".repeat(400),
  '=HYPERLINK("http://x")',
  "𝕏😀\u202e",
  '{"__proto__":{"x":1}}',
  "[object Object]",
  ...XSS,
];

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: false })).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.repeat(1 + (s.length % 7) * 300)) },
  { weight: 1, arbitrary: fc.constant("x".repeat(200_000)) },
);

interface Form {
  path: string;
  fields: string[];
  hidden: Record<string, string>;
}

function formsOf(html: string, pagePath: string): Form[] {
  const forms: Form[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = m[1];
    if (!/method="post"/i.test(attrs)) continue;
    const action = /action="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, "&");
    const path = action && action.startsWith("/") ? action : pagePath;
    const fields = new Set<string>();
    const hidden: Record<string, string> = {};
    for (const f of m[2].matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
      const name = /\bname="([^"]+)"/.exec(f[2])?.[1];
      if (!name) continue;
      fields.add(name);
      const v = /\bvalue="([^"]*)"/.exec(f[2])?.[1];
      if ((/type="hidden"/.test(f[2]) || f[1] === "button") && v !== undefined) hidden[name] = v;
    }
    forms.push({ path, fields: [...fields], hidden });
  }
  return forms;
}

let server: TestServer;
const slowest = { ms: 0, label: "" };
const clients = {} as Record<Actor, Client>;
beforeAll(async () => {
  server = await startServer({ SIGN_IN_MAX_ATTEMPTS: "1000" });
  Object.assign(clients, await actorClients(server.url));
});
afterAll(async () => {
  await server?.stop();
});

/** The actor let in to a route's action (staff first), or null when nobody is. */
function actorFor(rule: RouteRule): Actor | null {
  if (rule.signsOut) return "signedOut";
  const order: Actor[] = ["officerA", "commissioner", "admin", "citizen", "signedOut"];
  return order.find((a) => ["refused", "redirect", "ok"].includes(rule.post[a])) ?? null;
}

function check(status: number, body: string, label: string, problems: string[]) {
  if (status >= 500) problems.push(`${label}: status ${status}`);
  if (/\n\s+at [\w.<>$]+ \(|node_modules\/|\bat .*:\d+:\d+\)/.test(body)) problems.push(`${label}: stack trace in body`);
  for (const x of XSS) if (body.includes(x)) problems.push(`${label}: unescaped ${x}`);
}

async function pool<T>(items: T[], worker: (item: T) => Promise<void>, problems: string[], label: (item: T) => string) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) {
        const item = items[next++];
        const started = performance.now();
        try {
          await worker(item);
          const ms = performance.now() - started;
          if (ms > slowest.ms) Object.assign(slowest, { ms, label: label(item).slice(0, 200) });
        } catch (error) {
          problems.push(`${label(item)}: ${(error as Error).message} ${String((error as Error).cause ?? "")}`);
        }
      }
    }),
  );
}

describe("fuzzing", () => {
  it(`answers ${TOTAL_INPUTS}+ generated inputs to every action and route parameter safely`, async () => {
    const problems: string[] = [];
    let sent = 0;

    // 1. Route parameters: each :param segment of every concrete path replaced by generated text.
    const paramRoutes = Object.entries(RULES).filter(([id]) => id.includes("$") && id !== "$");
    const segment = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }));
    const getJobs: Array<{ path: string; actor: Actor }> = [];
    const perRoute = 120;
    paramRoutes.forEach(([id, rule], r) => {
      const names = id.split(".").filter((p) => p.startsWith("$") && p.length > 1);
      const samples = fc.sample(fc.tuple(segment, fc.constantFrom<Actor>("officerA", "signedOut", "officerB", "commissioner")), {
        numRuns: perRoute,
        seed: SEED + r,
      });
      for (const [seg, actor] of samples) {
        const parts = rule.path.split("/");
        // Replace the segment that carries the route's first parameter (e.g. the slug or token).
        const index = names.length ? Math.min(parts.length - 1, 2 + (id.split(".").indexOf(names[0]) - 1)) : parts.length - 1;
        parts[index] = encodeURIComponent(seg);
        getJobs.push({ path: parts.join("/"), actor });
      }
    });
    await pool(
      getJobs,
      async ({ path, actor }) => {
        const res = await clients[actor].request(path, { signal: AbortSignal.timeout(20_000) });
        sent++;
        check(res.status, await res.text(), `GET ${path.slice(0, 120)} as ${actor}`, problems);
      },
      problems,
      (j) => `GET ${j.path.slice(0, 120)} as ${j.actor}`,
    );

    // 2. Every POST form that every page renders, for the actor allowed in.
    const forms: Array<{ form: Form; actor: Actor }> = [];
    for (const [, rule] of Object.entries(RULES)) {
      const actor = actorFor(rule);
      if (!actor) continue;
      const page = await clients[actor].get(rule.path);
      const found = page.status === 200 ? formsOf(await page.text(), rule.path) : [];
      // A route with an action but no form on its GET (e.g. sign-out without a session) is still fuzzed with no known fields.
      for (const form of found.length ? found : [{ path: rule.path, fields: [], hidden: {} }]) {
        if (form.path === "/sign-out" && actor !== "signedOut") continue; // would end the session used for the rest
        forms.push({ form, actor });
      }
    }
    const perForm = Math.ceil((TOTAL_INPUTS - getJobs.length) / Math.max(1, forms.length));
    const postJobs: Array<{ form: Form; actor: Actor; body: Record<string, string | string[]> | Uint8Array }> = [];
    forms.forEach(({ form, actor }, f) => {
      const fieldsArb = fc.record({
        keep: fc.subarray(form.fields),
        values: fc.array(value, { minLength: form.fields.length + 2, maxLength: form.fields.length + 2 }),
        keepHidden: fc.boolean(),
        duplicate: fc.boolean(),
        extra: fc.option(fc.tuple(fc.string({ maxLength: 20 }), value)),
        raw: fc.option(fc.uint8Array({ maxLength: 300 }), { freq: 8 }),
      });
      for (const s of fc.sample(fieldsArb, { numRuns: perForm, seed: SEED * 7 + f })) {
        if (s.raw) {
          postJobs.push({ form, actor, body: s.raw });
          continue;
        }
        const body: Record<string, string | string[]> = s.keepHidden ? { ...form.hidden } : {};
        s.keep.forEach((name, i) => {
          if (s.keepHidden && name in form.hidden && i % 2 === 0) return; // keep the real intent half the time
          body[name] = s.duplicate && i === 0 ? [s.values[i], s.values[i + 1]] : s.values[i];
        });
        if (s.extra) body[s.extra[0] || "_"] = s.extra[1];
        postJobs.push({ form, actor, body });
      }
    });
    await pool(
      postJobs,
      async ({ form, actor, body }) => {
        const res =
          body instanceof Uint8Array
            ? await clients[actor].request(form.path, {
                method: "POST",
                body: Buffer.from(body),
                headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
                signal: AbortSignal.timeout(20_000),
              })
            : await clients[actor].request(form.path, { form: body, signal: AbortSignal.timeout(20_000) });
        sent++;
        check(
          res.status,
          await res.text(),
          `POST ${form.path} as ${actor} ${JSON.stringify(body instanceof Uint8Array ? "<bytes>" : Object.keys(body))}`,
          problems,
        );
      },
      problems,
      (j) => `POST ${j.form.path} as ${j.actor} ${JSON.stringify(j.body instanceof Uint8Array ? "<bytes>" : j.body).slice(0, 300)}`,
    );

    // 3. Whatever was stored is rendered escaped on every page, for every actor.
    for (const [, rule] of Object.entries(RULES)) {
      for (const actor of ["officerA", "commissioner", "admin", "signedOut"] as Actor[]) {
        const res = await clients[actor].get(rule.path);
        check(res.status, await res.text(), `GET ${rule.path} as ${actor} after fuzzing`, problems);
      }
    }

    console.log(`fuzzing: ${sent} inputs; slowest ${Math.round(slowest.ms)} ms: ${slowest.label}`);
    if (problems.length) console.error(server.output().slice(-4000));
    expect([...new Set(problems)].slice(0, 30)).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(TOTAL_INPUTS);
  }, 600_000);
});

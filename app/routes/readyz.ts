import { readiness } from "../db.server";

/** Readiness for a load balancer: 200 when the database answers and its migrations match this build, else 503. No sign-in, no personal data. */
export async function loader() {
  const r = await readiness();
  return new Response(JSON.stringify(r), {
    status: r.ready ? 200 : 503,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

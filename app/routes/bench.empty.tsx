// The load benchmark's baseline: an empty page rendered through the same root layout, with no
// data of its own. Served only when BENCH_ROUTES is on (404 otherwise).
import { json } from "@remix-run/node";
import { env } from "../env.server";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: () => "Empty page" };

export function loader() {
  if (!env().BENCH_ROUTES) throw new Response("Not Found", { status: 404 });
  return json(null);
}

export default function EmptyPage() {
  return <h1 className="govuk-heading-l">Empty page</h1>;
}

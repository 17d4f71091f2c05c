import { sql } from "drizzle-orm";
import { getDb } from "../db.server";

export function loader() {
  getDb().get(sql`select 1`);
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}

import { ping } from "../db.server";

/** Alive: the process answers and its database connection does (no sign-in, nothing about people). */
export async function loader() {
  await ping();
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
}

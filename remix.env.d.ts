/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy. */
    cspNonce: string;
    /** Set-Cookie values the session layer wants on this response (sliding expiry). */
    setCookies: string[];
    /** This process's database (SQLite or PostgreSQL, chosen at start-up), handed to services; routes never open it themselves. */
    db: import("./app/db.server").DB;
  }
}

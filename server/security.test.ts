import { expect, it } from "vitest";
import { crossSiteReason } from "./security.js";

const own = "http://localhost:3000";
const check = (method: string, headers: Record<string, string>) => crossSiteReason({ method, headers, ownOrigin: own, allowedOrigin: undefined });

it("lets safe methods through whatever their origin", () => {
  expect(check("GET", { "sec-fetch-site": "cross-site", origin: "https://evil.example" })).toBeNull();
});

it("refuses cross-site and foreign-origin mutations, allows same-origin ones", () => {
  expect(check("POST", { "sec-fetch-site": "cross-site" })).toMatch(/Sec-Fetch-Site/);
  expect(check("POST", { "sec-fetch-site": "same-site" })).toMatch(/Sec-Fetch-Site/);
  expect(check("POST", { origin: "https://evil.example" })).toMatch(/Origin/);
  expect(check("POST", { origin: "null" })).toMatch(/Origin/);
  expect(check("POST", { "sec-fetch-site": "same-origin", origin: own })).toBeNull();
  expect(check("POST", {})).toBeNull();
});

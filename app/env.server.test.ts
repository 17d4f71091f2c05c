import { expect, it } from "vitest";
import { parseEnv } from "./env.server";

it("applies defaults", () => {
  const env = parseEnv({});
  expect(env.PORT).toBe(3000);
  expect(env.DATABASE_PATH).toBe("data/app.db");
  expect(env.SESSION_DAYS).toBe(30);
});

it("names every bad variable in one clear message", () => {
  expect(() => parseEnv({ PORT: "eighty", SECURE_COOKIES: "maybe", APP_ORIGIN: "not a url" })).toThrowError(
    /Invalid environment configuration:\n {2}PORT: .*\n {2}APP_ORIGIN: .*\n {2}SECURE_COOKIES: /s,
  );
});

it("refuses several server processes with mail captured in memory (only one process could show it)", () => {
  expect(() => parseEnv({ WEB_CONCURRENCY: "2", NODE_ENV: "development" })).toThrow(/WEB_CONCURRENCY/);
  expect(parseEnv({ WEB_CONCURRENCY: "2", NODE_ENV: "development", EMAIL_CAPTURE: "false" }).WEB_CONCURRENCY).toBe(2);
  expect(parseEnv({ WEB_CONCURRENCY: "2", SMTP_HOST: "smtp.example.org" }).WEB_CONCURRENCY).toBe(2);
  expect(() => parseEnv({ WEB_CONCURRENCY: "0" })).toThrow(/WEB_CONCURRENCY/);
});

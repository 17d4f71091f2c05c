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

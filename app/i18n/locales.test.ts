import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { STAFF_LOCALES, STAFF_NAMESPACES, SUPPORTED_LOCALES } from "./config";

const root = path.resolve(__dirname, "../../locales");

function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.assign({}, ...Object.entries(value).map(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k)));
  }
  return { [prefix]: value };
}

const isEmpty = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && (v.length === 0 || v.some(isEmpty)));

describe("translations", () => {
  const namespaces = readdirSync(path.join(root, "en")).filter((f) => f.endsWith(".json"));
  for (const locale of SUPPORTED_LOCALES.filter((l) => l !== "en")) {
    for (const ns of namespaces) {
      if (STAFF_NAMESPACES.includes(ns.replace(/\.json$/, "")) && !STAFF_LOCALES.includes(locale)) continue;
      it(`${locale}/${ns} has every English key, none empty, same placeholders`, () => {
        const en = flatten(JSON.parse(readFileSync(path.join(root, "en", ns), "utf8")));
        const other = flatten(JSON.parse(readFileSync(path.join(root, locale, ns), "utf8")));
        const missing = Object.keys(en).filter((k) => !(k in other) || isEmpty(other[k]));
        expect(missing, `missing or empty in ${locale}/${ns}`).toEqual([]);
        const placeholders = (v: unknown) => [...String(v).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();
        const mismatched = Object.keys(en).filter((k) => JSON.stringify(placeholders(en[k])) !== JSON.stringify(placeholders(other[k])));
        expect(mismatched, `placeholders differ in ${locale}/${ns}`).toEqual([]);
      });
    }
  }

  it("every key used in the code exists in English (in some namespace)", () => {
    const en: Record<string, unknown> = Object.assign(
      {},
      ...namespaces.map((ns) => {
        const name = ns.replace(/\.json$/, "");
        const flat = flatten(JSON.parse(readFileSync(path.join(root, "en", ns), "utf8")));
        return Object.fromEntries(
          Object.entries(flat).flatMap(([k, v]) => [
            [k, v],
            [`${name}:${k}`, v],
          ]),
        );
      }),
    );
    const appDir = path.resolve(__dirname, "..");
    const files = readdirSync(appDir, { recursive: true, encoding: "utf8" }).filter((f) => /\.(tsx?)$/.test(f) && !f.includes(".test."));
    const used = new Set<string>();
    for (const file of files) {
      const source = readFileSync(path.join(appDir, file), "utf8");
      for (const m of source.matchAll(/\bt\(\s*"((?:[a-z]+:)?[a-zA-Z]+(?:\.[a-zA-Z]+)+)"/g)) used.add(m[1]);
      for (const m of source.matchAll(/"((?:signIn|admin|join|password|errors|results|outcomes)\.[a-zA-Z.]+)"/g)) used.add(m[1]);
    }
    const unknown = [...used].filter((k) => !(k in en) && !Object.keys(en).some((key) => key.startsWith(`${k}.`)));
    expect(unknown).toEqual([]);
  });
});

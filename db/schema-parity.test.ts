/**
 * The SQLite and PostgreSQL schemas describe the same database: same tables, columns,
 * nullability, defaults present, primary keys, unique columns, indexes and foreign keys.
 * Types differ on purpose (see db/schema.pg.ts); everything else must not.
 */
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pg from "./schema.pg";
import * as lite from "./schema";

type Shape = {
  columns: Array<{ name: string; notNull: boolean; hasDefault: boolean | null; primary: boolean; unique: boolean }>;
  primaryKeys: string[][];
  indexes: Array<{ name: string; columns: string[]; unique: boolean }>;
  foreignKeys: Array<{ columns: string[]; table: string; foreignColumns: string[]; onDelete: string }>;
};

function columnName(c: unknown): string {
  return (c as { name: string }).name;
}

function shape(config: ReturnType<typeof pgConfig> | ReturnType<typeof sqliteConfig>): Shape {
  return {
    columns: config.columns
      // An integer primary key has a default on SQLite (the rowid) whether or not it is an identity: not compared.
      .map((c) => ({ name: c.name, notNull: c.notNull, hasDefault: c.primary ? null : c.hasDefault, primary: c.primary, unique: c.isUnique }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((pk) => pk.columns.map(columnName)),
    indexes: config.indexes
      .map((i) => ({ name: i.config.name ?? "", columns: (i.config.columns as unknown[]).map(columnName), unique: i.config.unique }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    foreignKeys: config.foreignKeys
      .map((fk) => {
        const r = fk.reference();
        return {
          columns: r.columns.map(columnName),
          table: pgConfigName(r.foreignTable),
          foreignColumns: r.foreignColumns.map(columnName),
          onDelete: fk.onDelete ?? "no action",
        };
      })
      .sort((a, b) => a.columns.join().localeCompare(b.columns.join())),
  };
}

function pgConfigName(t: unknown): string {
  return t instanceof PgTable ? pgConfig(t).name : sqliteConfig(t as SQLiteTable).name;
}

const liteTables = new Map((Object.values(lite) as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable).map((t) => [sqliteConfig(t).name, t]));
const pgTables = new Map((Object.values(pg) as unknown[]).filter((v): v is PgTable => v instanceof PgTable).map((t) => [pgConfig(t).name, t]));

describe("the two dialects' schemas", () => {
  it("have the same tables", () => {
    expect(liteTables.size).toBeGreaterThan(50);
    expect([...pgTables.keys()].sort()).toEqual([...liteTables.keys()].sort());
  });

  for (const [name, table] of liteTables) {
    it(`agree on ${name}`, () => {
      const other = pgTables.get(name);
      expect(other, name).toBeDefined();
      expect(shape(pgConfig(other!))).toEqual(shape(sqliteConfig(table)));
    });
  }

  it("would notice a difference", () => {
    const a = shape(sqliteConfig(liteTables.get("users")!));
    const b = shape(pgConfig(pgTables.get("users")!));
    b.columns[0] = { ...b.columns[0], notNull: !b.columns[0].notNull };
    expect(b).not.toEqual(a);
  });
});

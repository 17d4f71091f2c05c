import Database from "better-sqlite3";
import { hashPassword } from "../../app/auth/password.server";

export const CCG_COMMISSIONER = { email: "commissioner.ccg@south-notts.example", password: "demo-commissioner-2026" };
export const OTHER_COMMISSIONER = { email: "commissioner@mid-notts.example", password: "other-commissioner-2026" };

/** A South Nottinghamshire commissioner from an organisation that is not named to sign (Nottingham City Council). */
export const CITY_COMMISSIONER = { email: "commissioner.city@south-notts.example", password: "city-commissioner-2026" };
export async function addUnnamedOrganisationCommissioner(dbPath: string): Promise<void> {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  const partnership = db.prepare("select id from partnerships where slug = 'south-nottinghamshire'").get() as { id: number };
  const organisation = db.prepare("select id from organisations where name = 'Nottingham City Council'").get() as { id: number };
  const user = Number(
    db.prepare("insert into users (email, display_name, password_hash, organisation_id) values (?, 'Sam Okafor', ?, ?)").run(CITY_COMMISSIONER.email, await hashPassword(CITY_COMMISSIONER.password), organisation.id).lastInsertRowid,
  );
  db.prepare("insert into memberships (user_id, partnership_id, role) values (?, ?, 'commissioner')").run(user, partnership.id);
  db.close();
}

/** A commissioner of the other partnership (Mid Nottinghamshire), which the demo seed does not have. */
export async function addOtherPartnershipCommissioner(dbPath: string): Promise<void> {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  const partnership = db.prepare("select id from partnerships where slug = 'mid-nottinghamshire'").get() as { id: number };
  const organisation = db.prepare("select id from organisations where name = 'Mansfield and Ashfield Clinical Commissioning Group'").get() as { id: number };
  const user = Number(
    db.prepare("insert into users (email, display_name, password_hash, organisation_id) values (?, 'Priya Nair', ?, ?)").run(OTHER_COMMISSIONER.email, await hashPassword(OTHER_COMMISSIONER.password), organisation.id).lastInsertRowid,
  );
  db.prepare("insert into memberships (user_id, partnership_id, role) values (?, ?, 'commissioner')").run(user, partnership.id);
  db.close();
}

export function organisationIds(dbPath: string, names: string[]): string[] {
  const db = new Database(dbPath, { readonly: true });
  const ids = names.map((n) => String((db.prepare("select id from organisations where name = ?").get(n) as { id: number }).id));
  db.close();
  return ids;
}

/** The working outcome set's content, read straight from the database. */
export function currentSet(dbPath: string): { version: number; status: string; content: { outcomes: Array<{ code: string; included: boolean; finalWeight: number | null; evidence: { consensus: string } }> } } {
  const db = new Database(dbPath, { readonly: true });
  const row = db.prepare("select version, status, content from outcome_sets order by version desc limit 1").get() as { version: number; status: string; content: string };
  db.close();
  return { ...row, content: JSON.parse(row.content) };
}

export const INDICATOR = {
  name: "People who told their story once",
  definition: "Share of people using joined-up services who say they did not have to repeat their story",
  numerator: "People answering yes",
  denominator: "People answering the question",
  dataSource: "Annual integrated care survey (seed 001)",
  baselineValue: "79",
  baselineDate: "2026-04-01",
  targetValue: "90",
  targetDate: "2028-03-31",
  frequency: "annually",
  validationMethod: "pre-post",
  nationalMeasure: "ASCOF 3D",
};

export const COMET = { intent: "compute", rule: "comet", thresholdIn: "70", thresholdOut: "15", bound: "strict", groups: "overall", groupWeighting: "equal", margins: "none" };

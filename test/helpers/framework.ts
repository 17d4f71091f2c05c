import Database from "better-sqlite3";
import { hashPassword } from "../../app/auth/password.server";

export const CCG_COMMISSIONER = { email: "commissioner.ccg@south-notts.example", password: "demo-commissioner-2026" };
export const OTHER_COMMISSIONER = { email: "commissioner@mid-notts.example", password: "other-commissioner-2026" };

/** A South Nottinghamshire commissioner from an organisation that is not named to sign (Nottingham City Council). */
export const CITY_COMMISSIONER = { email: "commissioner.city@south-notts.example", password: "city-commissioner-2026" };
export function addUnnamedOrganisationCommissioner(dbPath: string): Promise<void> {
  return addCommissioner(dbPath, { partnership: "south-nottinghamshire", organisation: "Nottingham City Council", displayName: "Sam Okafor", account: CITY_COMMISSIONER });
}

/** A commissioner of the other partnership (Mid Nottinghamshire), which the demo seed does not have. */
export function addOtherPartnershipCommissioner(dbPath: string): Promise<void> {
  return addCommissioner(dbPath, { partnership: "mid-nottinghamshire", organisation: "Mansfield and Ashfield Clinical Commissioning Group", displayName: "Priya Nair", account: OTHER_COMMISSIONER });
}

async function addCommissioner(dbPath: string, c: { partnership: string; organisation: string; displayName: string; account: { email: string; password: string } }): Promise<void> {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  const partnership = db.prepare("select id from partnerships where slug = ?").get(c.partnership) as { id: number };
  const organisation = db.prepare("select id from organisations where name = ?").get(c.organisation) as { id: number };
  const user = Number(
    db.prepare("insert into users (email, display_name, password_hash, organisation_id) values (?, ?, ?, ?)").run(c.account.email, c.displayName, await hashPassword(c.account.password), organisation.id).lastInsertRowid,
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

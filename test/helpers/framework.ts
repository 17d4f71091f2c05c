import { hashPassword } from "../../app/auth/password.server";
import { openTestDb } from "./test-database";

export const CCG_COMMISSIONER = { email: "commissioner.ccg@south-notts.example", password: "demo-commissioner-2026" };
export const OTHER_COMMISSIONER = { email: "commissioner@mid-notts.example", password: "other-commissioner-2026" };

/** A South Nottinghamshire commissioner from an organisation that is not named to sign (Nottingham City Council). */
export const CITY_COMMISSIONER = { email: "commissioner.city@south-notts.example", password: "city-commissioner-2026" };
export function addUnnamedOrganisationCommissioner(dbPath: string): Promise<void> {
  return addCommissioner(dbPath, {
    partnership: "south-nottinghamshire",
    organisation: "Nottingham City Council",
    displayName: "Sam Okafor",
    account: CITY_COMMISSIONER,
  });
}

/** A commissioner of the other partnership (Mid Nottinghamshire), which the demo seed does not have. */
export function addOtherPartnershipCommissioner(dbPath: string): Promise<void> {
  return addCommissioner(dbPath, {
    partnership: "mid-nottinghamshire",
    organisation: "Mansfield and Ashfield Clinical Commissioning Group",
    displayName: "Priya Nair",
    account: OTHER_COMMISSIONER,
  });
}

async function addCommissioner(
  dbPath: string,
  c: { partnership: string; organisation: string; displayName: string; account: { email: string; password: string } },
): Promise<void> {
  const db = openTestDb(dbPath);
  try {
    const partnership = (await db.get<{ id: number }>("select id from partnerships where slug = ?", c.partnership))!;
    const organisation = (await db.get<{ id: number }>("select id from organisations where name = ?", c.organisation))!;
    const user = (
      await db.run(
        "insert into users (email, display_name, password_hash, organisation_id) values (?, ?, ?, ?)",
        c.account.email,
        c.displayName,
        await hashPassword(c.account.password),
        organisation.id,
      )
    ).lastInsertRowid;
    await db.run("insert into memberships (user_id, partnership_id, role) values (?, ?, 'commissioner')", user, partnership.id);
  } finally {
    await db.close();
  }
}

export async function organisationIds(dbPath: string, names: string[]): Promise<string[]> {
  const db = openTestDb(dbPath);
  try {
    const ids: string[] = [];
    for (const n of names) ids.push(String((await db.get<{ id: number }>("select id from organisations where name = ?", n))!.id));
    return ids;
  } finally {
    await db.close();
  }
}

/** The working outcome set's content, read straight from the database (either database). */
export async function currentSet(dbPath: string): Promise<{
  version: number;
  status: string;
  content: { outcomes: Array<{ code: string; included: boolean; finalWeight: number | null; evidence: { consensus: string } }> };
}> {
  const db = openTestDb(dbPath);
  try {
    const row = (await db.get<{ version: number; status: string; content: string }>(
      "select version, status, content from outcome_sets order by version desc limit 1",
    ))!;
    return { ...row, content: JSON.parse(row.content) };
  } finally {
    await db.close();
  }
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

export const COMET = {
  intent: "compute",
  rule: "comet",
  thresholdIn: "70",
  thresholdOut: "15",
  bound: "strict",
  groups: "overall",
  groupWeighting: "equal",
  margins: "none",
};

// A two-round Delphi study end to end against the real server (methods §4, "Across rounds"):
// outcomes that reach consensus in round 1 and are not asked again must reach the outcome set,
// the published summary, the trace page and the command line's framework, with round-1
// figures, beside the outcomes decided in round 2, with weights summing to exactly 100.00.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../app/cli/main";
import { Client, DEMO } from "../helpers/client";
import { currentSet } from "../helpers/framework";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb } from "../helpers/test-database";
import { POOLED, prepareTwoRoundStudy, STUDY_SLUG, studySql, UNDECIDED_AFTER_ROUND_1 } from "../helpers/study";

let server: TestServer;
const SLUG = STUDY_SLUG;
const C = `/consultations/${SLUG}`;
const OTHERS = UNDECIDED_AFTER_ROUND_1;
const sql = <T>(query: string, ...params: unknown[]) => studySql<T>(server.dbPath, query, ...params);

async function signedIn(account: { email: string; password: string }) {
  const c = new Client(server.url);
  expect((await c.signIn(account.email, account.password)).status).toBe(302);
  return c;
}

let officer: Client;
let commissioner: Client;

beforeAll(async () => {
  server = await startServer();
  officer = await signedIn(DEMO.officer);
  commissioner = await signedIn(DEMO.commissioner);
  await prepareTwoRoundStudy(server.url, server.dbPath);
});
afterAll(async () => {
  await server?.stop();
});

const text = async (res: Response) => {
  expect(res.status).toBe(200);
  return (await res.text()).replace(/<!-- -->/g, "");
};

describe("a two-round study", () => {
  it("the whole-study results show each outcome's deciding round and its path", async () => {
    const html = await text(await officer.get(`${C}/results/study`));
    const row = (code: string) => html.slice(html.indexOf(`data-testid="study-${code}"`), html.indexOf("</tr>", html.indexOf(`data-testid="study-${code}"`)));
    expect(row("O1")).toContain("Round 1");
    expect(row("O1")).toContain("100.0%");
    expect(row("O3")).toContain("Round 2");
    expect(row("O3")).toContain("53.8% → 88.9%");
    expect(row("O4")).toContain("Round 1");
    expect(html).toContain("Proposed weights total 100.00%.");
  });

  it("the outcome set holds round-1 and round-2 consensus, each with its round, weights exactly 100.00", async () => {
    const before = await text(await commissioner.get(`${C}/framework`));
    expect(before).toContain("It will be built from round 1 (result version 1, 13 responses) and round 2 (result version 1, 9 responses).");
    expect(before).not.toContain('data-testid="stale-rounds"');
    expect((await commissioner.post(`${C}/framework`, { intent: "start" })).status).toBe(302);
    const set = (await currentSet(server.dbPath)) as unknown as {
      content: {
        basis: { rounds: Array<{ roundNumber: number; responseCount: number }> };
        outcomes: Array<{
          code: string;
          included: boolean;
          finalWeight: number | null;
          evidence: { round: number; n: number; percentCritical: number; consensus: string; history: Array<{ round: number }> };
        }>;
      };
    };
    expect(set.content.basis.rounds.map((r) => [r.roundNumber, r.responseCount])).toEqual([
      [1, 13],
      [2, 9],
    ]);
    const by = Object.fromEntries(set.content.outcomes.map((o) => [o.code, o]));
    expect(set.content.outcomes).toHaveLength(13);
    expect(by.O1).toMatchObject({ included: true, evidence: { round: 1, n: 13, percentCritical: 100, consensus: "in" } });
    expect(by.O2).toMatchObject({ included: true, evidence: { round: 1, n: 13, consensus: "in" } });
    expect(by.O2.evidence.percentCritical).toBeCloseTo((100 * 11) / 13, 9);
    expect(by.O3).toMatchObject({ included: true, evidence: { round: 2, n: 9, consensus: "in" } });
    expect(by.O3.evidence.percentCritical).toBeCloseTo((100 * 8) / 9, 9);
    expect(by.O3.evidence.history.map((h) => h.round)).toEqual([1, 2]);
    expect(by.O4).toMatchObject({ included: false, evidence: { round: 1, consensus: "out" } });
    for (const code of OTHERS) expect(by[code]).toMatchObject({ included: false, evidence: { round: 2, n: 9, consensus: "none" } });
    const included = set.content.outcomes.filter((o) => o.included);
    expect(included.map((o) => o.code).sort()).toEqual(["O1", "O2", "O3"]);
    expect(included.reduce((a, o) => a + Math.round(o.finalWeight! * 100), 0)).toBe(10000);
    // Priorities 100, 88.89 and 84.62 (sum 273.50) shared out by largest remainder.
    expect([by.O1.finalWeight, by.O3.finalWeight, by.O2.finalWeight]).toEqual([36.56, 32.5, 30.94]);
    const page = await text(await commissioner.get(`${C}/framework`));
    expect(page).toContain("round 1 (result version 1, 13 responses) and round 2 (result version 1, 9 responses)");
    expect(page.slice(page.indexOf('data-testid="round-O1"'), page.indexOf("</td>", page.indexOf('data-testid="round-O1"')))).toContain("Round 1");
    expect(page.slice(page.indexOf('data-testid="round-O3"'), page.indexOf("</td>", page.indexOf('data-testid="round-O3"')))).toContain("Round 2");
  });

  it("the trace page shows an outcome's whole history, with each round's calculation", async () => {
    const o1 = await text(await commissioner.get(`${C}/framework/1/trace/O1`));
    expect(o1).toContain("Round 1: the last round this outcome was rated in.");
    expect(o1).toContain("Not asked again after round 1, because that round decided it.");
    const o3 = await text(await commissioner.get(`${C}/framework/1/trace/O3`));
    const history = o3.slice(o3.indexOf('data-testid="round-history"'), o3.indexOf("</table>", o3.indexOf('data-testid="round-history"')));
    expect(history).toContain("Round 1");
    expect(history).toContain("53.8%");
    expect(history).toContain("Round 2");
    expect(history).toContain("88.9%");
    expect(history).toContain("+35.0");
    expect(history.match(/Result version 1, outcomes-codesign\/delphi-aggregation/g)).toHaveLength(2);
    expect(o3).toContain("Parameters in round 1");
    expect(o3).toContain("Parameters in round 2");
    expect(o3).toContain("groupWeighting: pooled");
  });

  it("the command line's framework agrees with the outcome set, from the same responses", async () => {
    const rows = await sql<{ participant: number; round: number; grp: string; code: string; value: number | null; unable: number }>(
      `select r.participant_id participant, rd.number round, coalesce(pp.stakeholder_group, 'not-stated') grp, c.code code, a.numeric_value value, a.unable unable
         from responses r join rounds rd on rd.id = r.round_id join answers a on a.response_id = r.id
         join questions q on q.id = a.question_id join candidate_outcomes c on c.id = q.outcome_id
         left join participant_profiles pp on pp.participant_id = r.participant_id
        where q.type = 'rating' order by rd.number, r.participant_id`,
    );
    const codes = [...new Set(rows.map((r) => r.code))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    const people = new Map<string, { round: number; id: number; group: string; scores: Record<string, string> }>();
    for (const r of rows) {
      const key = `${r.round}:${r.participant}`;
      const p = people.get(key) ?? { round: r.round, id: r.participant, group: r.grp, scores: {} };
      p.scores[r.code] = r.unable ? "U" : String(r.value);
      people.set(key, p);
    }
    const csv = [
      `respondent_id,round,group,${codes.join(",")}`,
      ...[...people.values()].map((p) => [p.id, p.round, p.group, ...codes.map((c) => p.scores[c] ?? "")].join(",")),
    ].join("\n");
    let stdout = "";
    const code = run(["aggregate", "--responses", "study.csv", "--group-weighting", "pooled"], {
      readFile: (f) => (f === "study.csv" ? csv : readFileSync(f, "utf8")),
      stdout: (t) => (stdout += t),
      stderr: () => {},
    });
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as {
      framework: Array<{
        code: string;
        round: number;
        consensus: string;
        included: boolean;
        proposedWeight: number;
        priority: number;
        history: Array<{ round: number }>;
      }>;
    };
    const f = Object.fromEntries(out.framework.map((e) => [e.code, e]));
    expect(f.O1).toMatchObject({ round: 1, consensus: "in", included: true, proposedWeight: 36.56, priority: 100 });
    expect(f.O2).toMatchObject({ round: 1, consensus: "in", included: true, proposedWeight: 30.94 });
    expect(f.O3).toMatchObject({ round: 2, consensus: "in", included: true, proposedWeight: 32.5 });
    expect(f.O3.history.map((h) => h.round)).toEqual([1, 2]);
    expect(f.O4).toMatchObject({ round: 1, consensus: "out", included: false });
    expect(out.framework.reduce((a, e) => a + Math.round(e.proposedWeight * 100), 0)).toBe(10000);
    // The same numbers as the outcome set the app built.
    const set = (await currentSet(server.dbPath)) as unknown as {
      content: { outcomes: Array<{ code: string; evidence: { proposedWeight: number; round: number; priority: number } }> };
    };
    for (const o of set.content.outcomes) {
      expect(f[o.code].proposedWeight, o.code).toBe(o.evidence.proposedWeight);
      expect(f[o.code].round, o.code).toBe(o.evidence.round);
      expect(f[o.code].priority, o.code).toBeCloseTo(o.evidence.priority, 9);
    }
  });

  it("warns before proposing when a round has responses newer than its latest calculation", async () => {
    const [{ id: r2 }] = await sql<{ id: number }>(
      "select r.id from rounds r join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id where c.slug = ? and r.number = 2",
      SLUG,
    );
    const db = openTestDb(server.dbPath);
    const pid = (await db.run("insert into participants (consultation_id) values ((select id from consultations where slug = ?))", SLUG)).lastInsertRowid;
    await db.run("insert into responses (round_id, participant_id, reference, submitted_at) values (?, ?, 'LATE-1', ?)", r2, pid, new Date(Date.now() + 1000));
    await db.close();
    const html = await text(await officer.get(`${C}/results/study`));
    expect(html).toContain("Round 2: 1 responses arrived after its latest results were calculated (from 9 responses)");
    await sql("delete from responses where reference = 'LATE-1'");
  });

  it("the COS-STAR report answers from the data, lists what the officer must write, and saves what they write", async () => {
    const page = await text(await commissioner.get(`${C}/results/report`));
    expect(page).toContain("9a. Consensus definition");
    expect(page).toContain("Agreed as critical when at least 70% scored 7 to 9 and fewer than 15% scored 1 to 3");
    expect(page).toContain("The same rule, set before the results were seen, was used in every round.");
    expect(page).toContain("Round 1: 13 people.");
    expect(page).toContain("Of the 13 people who answered round 1, 9 answered round 2 (69.2%).");
    expect(page).toMatch(/Not asked again in round 2, because an earlier round decided them: O1 “I only have to tell my story once”; O2 [^;]+; O4 /);
    const toWrite = page.slice(page.indexOf('data-testid="to-write"'), page.indexOf("</div>", page.indexOf('data-testid="to-write"')));
    for (const item of ["4. Protocol or registry entry", "10. Ethics and consent", "17. Funding", "18. Conflicts of interest"]) expect(toWrite).toContain(item);
    // Commissioners read it; only officers write it.
    expect(page).not.toContain('name="item-17"');
    expect((await commissioner.post(`${C}/results/report`, { "item-17": "x" })).status).toBe(403);
    const bad = await officer.post(`${C}/results/report`, { "item-17": "x".repeat(5001) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Each answer must be 5,000 characters or fewer");
    const saved = await officer.post(`${C}/results/report`, {
      "item-17": "Funded by the South Nottinghamshire partnership; the funders had no part in the scoring.",
      "item-18": "None declared.",
    });
    expect(saved.status).toBe(302);
    const after = await text(await officer.get(`${C}/results/report`));
    expect(after).toContain("Funded by the South Nottinghamshire partnership");
    const stillToWrite = after.slice(after.indexOf('data-testid="to-write"'), after.indexOf("</div>", after.indexOf('data-testid="to-write"')));
    expect(stillToWrite).not.toContain("17. Funding");
    expect((await sql<{ n: number }>("select count(*) n from audit_log where action = 'study_report.texts_saved'"))[0].n).toBe(1);
    const csv = await officer.get(`${C}/results/report.csv`);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a byte order mark, so spreadsheets read UTF-8
    const body = new TextDecoder().decode(bytes.slice(3));
    expect(body.split("\r\n")[0]).toBe("item,section,topic,answered_from,status,answer");
    // A cell with a ";" is quoted (a spreadsheet may split on it: decision 0024).
    expect(body).toContain(
      '17,Other information,Funding,officer,answered,"Written by the people who ran the study: Funded by the South Nottinghamshire partnership; the funders had no part in the scoring."',
    );
    expect(body).toMatch(/\r\n4,Methods,Protocol or registry entry,officer,to-write,\r\n/);
  });

  it("the published summary reports every round and what each decided, and every outcome with its deciding round", async () => {
    expect((await officer.post(C, { intent: "status", to: "closed" })).status).toBe(302);
    expect(
      (
        await officer.post(`${C}/publication`, {
          intent: "save",
          result: "latest",
          margins: "none",
          licence: "OGL-3.0",
          whatWeAsked_en: "We asked which outcomes matter most.",
        })
      ).status,
    ).toBe(302);
    expect((await officer.post(`${C}/publication`, { intent: "publish", changeNote: "" })).status).toBe(302);
    const html = await text(await new Client(server.url).get(`/summaries/${SLUG}`));
    expect(html).toContain("About 15 people took part, over 2 rounds.");
    const byRound = html.slice(html.indexOf('data-testid="people-by-round"'), html.indexOf("</table>", html.indexOf('data-testid="people-by-round"')));
    expect(byRound).toMatch(/Round 1<\/th><td[^>]*>(<[^>]+>)*15/);
    expect(byRound).toMatch(/Round 2<\/th><td[^>]*>(<[^>]+>)*10/);
    const decisions = html.slice(html.indexOf('data-testid="round-decisions"'), html.indexOf("</ul>", html.indexOf('data-testid="round-decisions"')));
    expect(decisions).toContain("Round 1: 2 outcomes agreed as critical, 1 agreed not to include, 10 without agreement.");
    expect(decisions).toContain("Round 2: 1 outcomes agreed as critical, 0 agreed not to include, 9 without agreement.");
    const all = html.slice(html.indexOf('data-testid="all-outcomes"'), html.indexOf("</table>", html.indexOf('data-testid="all-outcomes"')));
    const rowOf = (statement: string) => all.slice(all.indexOf(statement), all.indexOf("</tr>", all.indexOf(statement)));
    expect(rowOf("I only have to tell my story once")).toContain("Round 1");
    expect(rowOf("I only have to tell my story once")).toContain("Agreed as critical");
    expect(rowOf("My care is well co-ordinated")).toContain("Round 2");
    expect(rowOf("My care is well co-ordinated")).toMatch(/54(\.\d)?%\s*→\s*89(\.\d)?%/);
    expect(rowOf("Staff come together for joint visits")).toContain("Agreed not to include");
    expect((all.match(/<tr/g) ?? []).length).toBe(14); // header + 13 outcomes
    // "What you said" lists both rounds' agreed outcomes as critical.
    const agreed = html.slice(
      html.indexOf("Outcomes agreed as critical, in priority order"),
      html.indexOf("</table>", html.indexOf("Outcomes agreed as critical, in priority order")),
    );
    for (const s of ["I only have to tell my story once", "Professionals who support me talk to each other", "My care is well co-ordinated"])
      expect(agreed).toContain(s);
    // "How this was done": the COS-STAR items, with the officer's funding statement and no counts of people.
    const how = html.slice(html.indexOf('data-testid="how-done"'), html.indexOf('id="numbers"'));
    expect(how).toContain("9a. Consensus definition");
    expect(how).toContain("Funded by the South Nottinghamshire partnership");
    expect(how).toContain("See “Who took part” for the number of people in each round and each group.");
    expect(how).not.toContain("13 people");
    // The same section in Welsh.
    const cy = await text(await new Client(server.url).get(`/summaries/${SLUG}?lng=cy`));
    const howCy = cy.slice(cy.indexOf('data-testid="how-done"'), cy.indexOf('id="numbers"'));
    expect(howCy).toContain("9a.");
    expect(howCy).toContain("Rownd 1");
    // In Urdu the path's arrow points the way the page reads, and English names are marked.
    const ur = await text(await new Client(server.url).get(`/summaries/${SLUG}?lng=ur`));
    const allUr = ur.slice(ur.indexOf('data-testid="all-outcomes"'), ur.indexOf("</table>", ur.indexOf('data-testid="all-outcomes"')));
    expect(allUr).toMatch(/54(\.\d)?%\s*←\s*89(\.\d)?%/);
    expect(allUr).not.toContain("→");
    const howUr = ur.slice(ur.indexOf('data-testid="how-done"'), ur.indexOf('id="numbers"'));
    expect(howUr).toContain('<bdi lang="en">South Nottinghamshire Transformation Partnership</bdi>');
  });

  it("warns on the draft when a round was calculated again after the set was built from it", async () => {
    expect(await text(await commissioner.get(`${C}/framework`))).not.toContain('data-testid="recalculated"');
    // Different parameters make a new result version of round 2.
    expect((await officer.post(`${C}/results?round=2`, { ...POOLED, groupWeighting: "equal" })).status).toBe(302);
    const html = await text(await commissioner.get(`${C}/framework`));
    expect(html).toContain("Round 2 has been calculated again (result version 2) since this outcome set was built from result version 1");
  });
});

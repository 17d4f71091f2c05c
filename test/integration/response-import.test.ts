// An officer imports a round's paper (phone, event…) responses from CSV: all or
// nothing, a report by line and column, marked with their channel, counted in the round and
// its results, audited, and never imported twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { responsesByChannel } from "../../app/services/response-imports.server";
import { Client, DEMO, signedInClient } from "../helpers/client";
import { COMET, OTHER_COMMISSIONER, addOtherPartnershipCommissioner } from "../helpers/framework";
import { openAppDb } from "../helpers/app-db";
import { startServer, type TestServer } from "../helpers/server";
import { openTestDb, testDialect } from "../helpers/test-database";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await addOtherPartnershipCommissioner(server.dbPath);
});
afterAll(async () => {
  await server?.stop();
});

const C = "/consultations/joined-up-care";
const PAGE = `${C}/rounds/1/import`;

const signedIn = (account: { email: string; password: string }) => signedInClient(server.url, account);

function upload(client: Client, csv: string, channel: string | null = "paper", name = "round-1-paper.csv") {
  const form = new FormData();
  if (channel !== null) form.set("channel", channel);
  form.set("file", new Blob([csv], { type: "text/csv" }), name);
  return client.request(PAGE, { method: "POST", body: form, headers: { Origin: server.url } });
}

async function query<T>(sql: string, ...args: unknown[]): Promise<T[]> {
  const db = openTestDb(server.dbPath);
  try {
    return await db.all<T>(sql, ...args);
  } finally {
    await db.close();
  }
}

/** Round 1's rated outcome codes and its proposal question's number, from the database. */
async function roundShape() {
  const qs = await query<{ type: string; code: string | null }>(
    `select q.type, co.code from questions q join rounds r on r.id = q.round_id join surveys s on s.id = r.survey_id join consultations c on c.id = s.consultation_id
      left join candidate_outcomes co on co.id = q.outcome_id where c.slug = 'joined-up-care' and r.number = 1 order by q.position, q.id`,
  );
  return { codes: qs.filter((q) => q.type === "rating").map((q) => q.code!), proposal: qs.findIndex((q) => q.type === "propose-outcome") + 1 };
}

/** The service's counts per round and channel, read through a connection of our own. */
async function channelCounts(round: number) {
  const { db, close } = openAppDb(server.dbPath);
  try {
    const id = (await query<{ id: number }>("select id from consultations where slug = 'joined-up-care'"))[0].id;
    return (await responsesByChannel(db, id)).find((r) => r.round === round)!;
  } finally {
    await close();
  }
}

const countResponses = async () => (await query<{ n: number }>("select count(*) n from responses"))[0].n;

describe("importing paper and other responses", () => {
  it("is for the consultation's officers only", async () => {
    expect((await new Client(server.url).get(PAGE)).status).toBe(302);
    for (const other of [
      await signedIn(DEMO.otherOfficer),
      await signedIn(DEMO.commissioner),
      await signedIn(OTHER_COMMISSIONER),
      await signedIn(DEMO.admin),
    ]) {
      expect((await other.get(PAGE)).status).toBe(403);
      expect((await upload(other, "respondent_id\n")).status).toBe(403);
    }
    expect((await (await signedIn(DEMO.officer)).get(`${C}/rounds/99/import`)).status).toBe(404);
  });

  it("reports every problem by line and column and imports nothing; then imports a good file once, by channel, counted and audited", async () => {
    const officer = await signedIn(DEMO.officer);
    const { codes, proposal } = await roundShape();
    expect(codes.length).toBeGreaterThan(3);
    expect(proposal).toBeGreaterThan(0);
    const page = await (await officer.get(PAGE)).text();
    for (const code of codes) expect(page).toContain(`<code>${code}</code>`);
    expect(page).toContain(`<code>q${proposal}</code>`);
    const before = await countResponses();
    const onlineBefore = (await channelCounts(1)).channels.online ?? 0;

    // Nothing chosen: two errors, 400.
    const empty = await upload(officer, "", null);
    expect(empty.status).toBe(400);
    const emptyHtml = await empty.text();
    expect(emptyHtml).toContain("Select how these responses reached you");
    expect(emptyHtml).toContain("Select a CSV file");
    expect(emptyHtml).toContain("<title>Error: ");

    const header = `respondent_id,round,group,locality,${codes.slice(0, 3).join(",")},q${proposal},channel`;
    const bad = [header, `P1,1,carer,Gedling,9,8,7,A named worker,`, `P1,2,voter,Gedling,10,,,,fax`, `P3,1,citizen,,,,,,`].join("\n");
    const refused = await upload(officer, bad);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Nothing was imported because the file has problems (6, listed below)");
    for (const [line, column, text] of [
      [3, 1, "Respondent P1 appears twice in the file (first on line 2)"],
      [3, 2, "The round is “2” but this file is for round 1"],
      [3, 3, "“voter” is not a stakeholder group"],
      [3, 5, "“10” is not a rating"],
      [3, 9, "“fax” is not a channel"],
      [4, 1, "This row has no answers"],
    ] as const) {
      expect(html).toMatch(new RegExp(`<th[^>]*>${line}</th><td[^>]*>${column}</td><td[^>]*>${text.replace(/[()]/g, "\\$&")}`));
    }
    expect(await countResponses()).toBe(before);

    // A good file: three responses, one by phone.
    const good = [header, `P1,1,carer,Gedling,9,8,7,A named worker,`, `P2,,service-user,Rushcliffe,U,6,,,phone`, `P3,1,citizen,,7,7,7,,`].join("\r\n") + "\r\n";
    const done = await upload(officer, good);
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(`${PAGE}?imported=3`);
    expect(await countResponses()).toBe(before + 3);
    const stored = await query<{ external_id: string; channel: string; import_id: number; stakeholder_group: string | null; n: number }>(
      `select p.external_id, r.channel, r.import_id, pp.stakeholder_group, (select count(*) from answers a where a.response_id = r.id) n
         from responses r join participants p on p.id = r.participant_id left join participant_profiles pp on pp.participant_id = p.id
        where p.external_id is not null order by p.external_id`,
    );
    expect(stored.map((r) => [r.external_id, r.channel, r.stakeholder_group, r.n])).toEqual([
      ["P1", "paper", "carer", 4],
      ["P2", "phone", "service-user", 2],
      ["P3", "paper", "citizen", 3],
    ]);
    const imports = await query<{ id: number; file_name: string; response_count: number; imported_by: number }>("select * from response_imports");
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ file_name: "round-1-paper.csv", response_count: 3 });
    expect(new Set(stored.map((r) => r.import_id))).toEqual(new Set([imports[0].id]));
    const audit = await query<{ actor_user_id: number; details: string }>("select actor_user_id, details from audit_log where action = 'responses.imported'");
    expect(audit).toHaveLength(1);
    expect(audit[0].actor_user_id).toBe(imports[0].imported_by);
    expect(JSON.parse(audit[0].details)).toMatchObject({ fileName: "round-1-paper.csv", count: 3, round: 1, channels: { paper: 2, phone: 1 } });
    // The proposal goes to moderation like any other.
    expect((await query<{ n: number }>("select count(*) n from answers where text_value = 'A named worker'"))[0].n).toBe(1);

    // The page: success, counts by channel, the file in the history.
    const after = await (await officer.get(`${PAGE}?imported=3`)).text();
    expect(after).toContain("Responses imported: 3.");
    expect(after).toContain('data-testid="channel-paper">2<');
    expect(after).toContain('data-testid="channel-phone">1<');
    expect(after).toContain(`data-testid="channel-online">${onlineBefore}<`);
    expect(after).toContain(`data-testid="channel-total">${onlineBefore + 3}<`);
    expect(after).toContain("round-1-paper.csv");
    expect(await channelCounts(1)).toEqual({ round: 1, channels: { online: onlineBefore, paper: 2, phone: 1 }, total: onlineBefore + 3 });
    // The round page counts them.
    expect(await (await officer.get(`${C}/rounds/1`)).text()).toContain(`Responses: ${onlineBefore + 3}.`);

    // The same file again (a double submit or a second upload): refused, nothing added.
    const again = await upload(officer, good, "event", "copy.csv");
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/This file was already imported on .+ by .+ \(round-1-paper\.csv, 3 responses\)\. It was not imported again/);
    // Another file naming a respondent imported before: that line is refused.
    const overlap = await upload(officer, `${header}\nP4,1,carer,,5,5,5,,\nP2,1,carer,,5,5,5,,\n`);
    expect(overlap.status).toBe(400);
    expect(await overlap.text()).toContain("Respondent P2 already has a response in round 1");
    // Two submits of a new file at the same moment: one import.
    const twice = await Promise.all([upload(officer, `${header}\nP9,1,carer,,8,8,8,,\n`), upload(officer, `${header}\nP9,1,carer,,8,8,8,,\n`)]);
    expect(twice.map((r) => r.status).sort()).toEqual([302, 409]);
    expect((await query<{ n: number }>("select count(*) n from response_imports"))[0].n).toBe(2);
    expect(await countResponses()).toBe(before + 4);

    // Results count them: the calculated result has every response.
    expect((await officer.post(`${C}/results`, COMET)).status).toBe(302);
    const result = (await query<{ response_count: number }>("select response_count from aggregation_results order by id desc limit 1"))[0];
    expect(result.response_count).toBe(onlineBefore + 4);
  });

  it("refuses a file that is not CSV and one that is too big, with a clear message", async () => {
    const officer = await signedIn(DEMO.officer);
    const broken = await upload(officer, 'respondent_id,O1\n"P1,5\n');
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("The file is not valid CSV");
    const big = await upload(officer, "respondent_id\n" + "x".repeat(2_000_001));
    expect(big.status).toBe(413);
    expect(await big.text()).toContain("The file must be 2 MB or smaller");
  });

  it("matches a respondent across rounds by respondent_id, and waits for a round to open", async () => {
    const officer = await signedIn(DEMO.officer);
    expect((await officer.post(`${C}/rounds/1`, { intent: "status", to: "closed" })).status).toBe(302);
    const ids = await query<{ id: number }>(
      "select co.id from candidate_outcomes co join consultations c on c.id = co.consultation_id where c.slug = 'joined-up-care' and co.code in ('O1', 'O2') order by co.code",
    );
    const created = await officer.post(`${C}/rounds/new`, {
      outcomeIds: ids.map((r) => String(r.id)),
      showFeedback: "yes",
      feedbackBy: "overall",
      allowNewParticipants: "yes",
      copyOtherQuestions: "no",
    });
    expect(created.status).toBe(302);
    const R2 = `${C}/rounds/2/import`;
    const file = "respondent_id,round,O1,O2\nP1,2,9,9\nP7,2,4,5\n";
    const send = () => {
      const form = new FormData();
      form.set("channel", "event");
      form.set("file", new Blob([file], { type: "text/csv" }), "round-2.csv");
      return officer.request(R2, { method: "POST", body: form, headers: { Origin: server.url } });
    };
    // A draft round takes no responses.
    expect(await (await officer.get(R2)).text()).toContain("Responses can be imported once the round has opened");
    expect((await send()).status).toBe(409);
    expect((await officer.post(`${C}/rounds/2`, { intent: "status", to: "open" })).status).toBe(302);
    expect((await send()).status).toBe(302);
    const people = await query<{ external_id: string; rounds: string }>(
      `select p.external_id, ${testDialect === "postgres" ? "string_agg(cast(ro.number as text), ',' order by ro.number)" : "group_concat(ro.number, ',')"} rounds from participants p join responses r on r.participant_id = p.id join rounds ro on ro.id = r.round_id
        where p.external_id in ('P1', 'P7') group by p.id order by p.external_id`,
    );
    expect(people).toEqual([
      { external_id: "P1", rounds: "1,2" },
      { external_id: "P7", rounds: "2" },
    ]);
    expect(await channelCounts(2)).toEqual({ round: 2, channels: { event: 2 }, total: 2 });
  });
});

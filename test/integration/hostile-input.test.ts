// Time limits: several hundred requests per test, on a 2-core machine shared with the rest of the suite.
// Hostile input on every form action and route parameter built so far: only
// 2xx/3xx/4xx, never a 500 or a stack trace, and typed text rendered escaped.
import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, DEMO } from "../helpers/client";
import { COMET, currentSet, INDICATOR } from "../helpers/framework";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const PAYLOADS = [
  "",
  " ",
  "x".repeat(100_000),
  "\u0000\u0001\u0008\u001f\u007f",
  "\uD800",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE users; --",
  "../../etc/passwd",
  "%00%ff",
  "1e309",
  "-1",
  "𝕏😀",
];

const FORMS: Array<{ path: string; fields: string[]; extra?: Record<string, string> }> = [
  { path: "/sign-in", fields: ["email", "password", "redirectTo"] },
  { path: "/sign-out", fields: ["scope"] },
  { path: "/partnerships/south-nottinghamshire/users", fields: ["displayName", "email", "role"], extra: { intent: "invite" } },
  { path: "/partnerships/south-nottinghamshire/users", fields: ["membershipId"], extra: { intent: "remove" } },
  { path: "/partnerships/south-nottinghamshire/users", fields: ["intent"] },
  {
    path: "/consultations/joined-up-care/results",
    fields: ["rule", "thresholdIn", "thresholdOut", "bound", "groups", "groupWeighting", "margins"],
    extra: { intent: "compute" },
  },
  { path: "/consultations/joined-up-care/results", fields: ["name"], extra: { intent: "upload-margins" } },
  { path: "/consultations/new", fields: ["partnership", "title", "summary", "audience", "opensAt", "closesAt", "contactEmail", "advisoryGroupId"] },
  { path: "/consultations/personal-budgets", fields: ["intent", "to"] },
  { path: "/consultations/personal-budgets", fields: ["to"], extra: { intent: "status" } },
  {
    path: "/consultations/personal-budgets/edit",
    fields: ["audience", "opensAt", "closesAt", "contactEmail", "advisoryGroupId"],
    extra: { audience: "both", advisoryGroupId: "none" },
  },
  {
    path: "/consultations/personal-budgets/edit/cy",
    fields: ["title", "summary", "briefing", "privacyNotice"],
    extra: { title: "Teitl", summary: "", briefing: "", privacyNotice: "" },
  },
  { path: "/consultations/personal-budgets/survey", fields: ["intent"] },
  { path: "/consultations/joined-up-care/rounds/1", fields: ["intent", "to", "questionId", "direction"] },
  { path: "/consultations/joined-up-care/rounds/1", fields: ["questionId", "direction"], extra: { intent: "move", questionId: "1", direction: "up" } },
  {
    path: "/consultations/joined-up-care/rounds/1",
    fields: ["showFeedback", "feedbackBy", "allowNewParticipants", "opensAt", "closesAt"],
    extra: { intent: "settings", showFeedback: "yes", feedbackBy: "overall", allowNewParticipants: "yes", opensAt: "", closesAt: "" },
  },
  { path: "/consultations/joined-up-care/rounds/1/import", fields: ["channel", "file"] },
  {
    path: "/consultations/joined-up-care/rounds/new",
    fields: ["outcomeIds", "showFeedback", "feedbackBy", "allowNewParticipants", "copyOtherQuestions"],
    extra: { showFeedback: "yes", feedbackBy: "overall", allowNewParticipants: "yes", copyOtherQuestions: "yes" },
  },
  {
    path: "/consultations/hostile-builder/rounds/1/questions/new?type=multiple-choice",
    fields: ["required", "minSelected", "maxSelected", "condition", "text-en", "choices-en", "choices-cy"],
    extra: { intent: "save", type: "multiple-choice", required: "yes", "text-en": "Q", "choices-en": "A\nB", condition: "none" },
  },
  {
    path: "/consultations/hostile-builder/rounds/1/questions/new",
    fields: ["type", "outcomeId", "text-en"],
    extra: { intent: "save", type: "rating", required: "yes", condition: "none" },
  },
  { path: "/consultations/hostile-builder/rounds/1", fields: ["intent"], extra: { intent: "add-ratings" } },
  {
    path: "/consultations/personal-budgets/edit/en",
    fields: ["title", "summary", "briefing", "privacyNotice"],
    extra: { title: "Title", summary: "", briefing: "", privacyNotice: "" },
  },
  {
    path: "/consultations/joined-up-care/publication",
    fields: ["result", "margins", "licence", "whatWeAsked_en", "contact_cy", "alt_asked_ur"],
    extra: { intent: "save", result: "latest", margins: "none", licence: "OGL-3.0" },
  },
  { path: "/consultations/joined-up-care/publication", fields: ["changeNote"], extra: { intent: "publish" } },
  { path: "/consultations/joined-up-care/publication", fields: ["point"], extra: { intent: "remove-image" } },
  { path: "/consultations/joined-up-care/publication", fields: ["intent"] },
  // Panel: advisory groups and the email log.
  { path: "/partnerships/south-nottinghamshire/groups", fields: ["name", "description", "intent"], extra: { intent: "create" } },
  {
    path: "/partnerships/south-nottinghamshire/groups/1/members/new",
    fields: ["displayName", "email", "stakeholderGroup", "preferredLocale", "profileConsent", "ageBand", "sex", "locality", "ethnicity"],
    extra: { displayName: "A", email: "a@b.example", stakeholderGroup: "carer" },
  },
  {
    path: "/partnerships/south-nottinghamshire/groups/1/members/2",
    fields: ["displayName", "email", "stakeholderGroup", "profileConsent", "locality", "intent"],
    extra: { intent: "save", displayName: "A", email: "member02@cag.example", stakeholderGroup: "carer" },
  },
  { path: "/partnerships/south-nottinghamshire/groups/1", fields: ["intent", "file"], extra: { intent: "import" } },
  { path: "/consultations/joined-up-care/invitations/emails", fields: ["id", "intent"], extra: { intent: "retry" } },
  { path: "/consultations/joined-up-care/invitations", fields: ["intent", "round", "who"], extra: { intent: "invite", round: "1", who: "not-invited" } },
  { path: "/consultations/joined-up-care/invitations", fields: ["round", "invitationId"], extra: { intent: "revoke", round: "1" } },
  { path: "/consultations/joined-up-care/codebook", fields: ["name", "description", "intent", "themeId"], extra: { intent: "create" } },
];

function expectSafe(status: number, body: string, label: string) {
  expect(status, label).toBeLessThan(500);
  expect(body, label).not.toMatch(/at [\w.<>]+ \(.*:\d+:\d+\)/);
  expect(body, label).not.toContain("<script>alert(1)</script>");
  expect(body, label).not.toContain("<img src=x onerror=alert(1)>");
}

it("every form action answers hostile values with 2xx/3xx/4xx and escapes what it echoes", async () => {
  const admin = new Client(server.url);
  await admin.signIn(DEMO.admin.email, DEMO.admin.password);
  const officer = new Client(server.url);
  await officer.signIn(DEMO.officer.email, DEMO.officer.password);
  // A draft consultation whose round 1 has no responses, so the question forms are open for attack.
  await officer.post("/consultations/new", {
    title: "Hostile builder",
    summary: "",
    audience: "both",
    opensAt: "",
    closesAt: "",
    contactEmail: "",
    advisoryGroupId: "none",
  });
  let checked = 0;
  for (const form of FORMS) {
    const client = form.path.startsWith("/consultations") || form.path.includes("/groups") ? officer : admin;
    for (const payload of PAYLOADS) {
      for (const field of form.fields) {
        const body: Record<string, string | string[]> = { ...form.extra, [field]: payload };
        const res = await client.post(form.path, body);
        expectSafe(res.status, await res.text(), `${form.path} ${field}=${JSON.stringify(payload.slice(0, 20))}`);
        checked++;
      }
      // Repeated fields (arrays where strings are expected).
      const res = await client.post(form.path, { ...form.extra, [form.fields[0]]: [payload, payload] });
      expectSafe(res.status, await res.text(), `${form.path} repeated ${form.fields[0]}`);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(300);
}, 180_000);

it("route parameters and queries with hostile values never give a 500", async () => {
  const officer = new Client(server.url);
  await officer.signIn(DEMO.officer.email, DEMO.officer.password);
  for (const payload of PAYLOADS.filter((p) => p.length < 1000)) {
    // A lone surrogate cannot be percent-encoded as UTF-8: send invalid UTF-8 bytes instead.
    const e = payload === "\uD800" ? "%ED%A0%80%ZZ" : encodeURIComponent(payload);
    for (const path of [
      `/partnerships/${e}/users`,
      `/join/${e}`,
      `/language/${e}?returnTo=${e}`,
      `/consultations/${e}/results`,
      `/consultations/${e}/outcomes`,
      `/consultations/${e}/outcomes.csv`,
      `/consultations/${e}`,
      `/consultations/${e}/edit`,
      `/consultations/personal-budgets/edit/${e}`,
      `/consultations/new?partnership=${e}`,
      `/consultations/${e}/survey`,
      `/consultations/joined-up-care/rounds/${e}`,
      `/consultations/joined-up-care/rounds/1/questions/${e}`,
      `/consultations/joined-up-care/rounds/1/questions/new?type=${e}`,
      `/consultations/${e}/rounds/new`,
      `/consultations/joined-up-care/results?round=${e}&version=${e}`,
      `/partnerships/${e}/groups`,
      `/partnerships/south-nottinghamshire/groups/${e}`,
      `/partnerships/south-nottinghamshire/groups/1/members/${e}`,
      `/partnerships/south-nottinghamshire/groups/${e}/members.csv`,
      `/consultations/${e}/invitations/emails`,
      `/consultations/joined-up-care/invitations?round=${e}`,
      `/consultations/joined-up-care/participation?round=${e}`,
      `/consultations/${e}/moderation`,
      `/consultations/joined-up-care/moderation/${e}`,
      `/consultations/joined-up-care/moderation?show=${e}`,
      `/consultations/${e}/codebook`,
      `/consultations/joined-up-care/codebook?edit=${e}`,
      `/sign-in?redirectTo=${e}`,
      `/summaries?q=${e}`,
      `/summaries/${e}`,
      `/summaries/${e}/easy-read`,
      `/summaries/${e}/v/${e}`,
      `/summaries/joined-up-care/v/${e}/easy-read`,
      `/summaries/joined-up-care/v/${e}/data.csv`,
      `/summaries/${e}/data.json`,
      `/summaries/joined-up-care/images/${e}`,
      `/consultations/${e}/publication`,
      `/consultations/${e}/publication/preview?view=${e}&lng=${e}`,
    ]) {
      const res = await officer.get(path);
      expectSafe(res.status, await res.text(), path);
    }
  }
}, 180_000);

it("outcome-set forms and parameters (commissioners) answer hostile values safely", async () => {
  const officer = new Client(server.url);
  await officer.signIn(DEMO.officer.email, DEMO.officer.password);
  expect((await officer.post("/consultations/joined-up-care/results", COMET)).status).toBe(302);
  const commissioner = new Client(server.url);
  await commissioner.signIn(DEMO.commissioner.email, DEMO.commissioner.password);
  const F = "/consultations/joined-up-care/framework";
  expect((await commissioner.post(F, { intent: "start" })).status).toBe(302);
  const set = await currentSet(server.dbPath);
  const code = set.content.outcomes.find((o) => o.included)!.code;
  const forms: Array<{ client: Client; path: string; fields: string[]; extra?: Record<string, string> }> = [
    { client: officer, path: "/consultations/joined-up-care/signatories", fields: ["organisations"] },
    { client: commissioner, path: F, fields: ["intent", "version"] },
    { client: commissioner, path: F, fields: ["version", "code", "direction"], extra: { intent: "move", version: "1", code, direction: "up" } },
    { client: commissioner, path: F, fields: ["reason"], extra: { intent: "new-version" } },
    { client: commissioner, path: `${F}/outcomes/${code}`, fields: ["included", "inclusionReason"], extra: { intent: "inclusion", included: "yes" } },
    { client: commissioner, path: `${F}/outcomes/${code}`, fields: ["statement"], extra: { intent: "reword" } },
    { client: commissioner, path: `${F}/outcomes/${code}`, fields: ["index"], extra: { intent: "remove-indicator" } },
    { client: commissioner, path: `${F}/outcomes/${code}/indicators/new`, fields: Object.keys(INDICATOR), extra: INDICATOR },
    { client: commissioner, path: `${F}/weights`, fields: [`weight-${code}`, `reason-${code}`, "pot", "margin"], extra: { margin: "5" } },
    { client: commissioner, path: `${F}/reweight`, fields: ["choice"] },
  ];
  let checked = 0;
  for (const form of forms) {
    for (const payload of PAYLOADS) {
      for (const field of form.fields) {
        const res = await form.client.post(form.path, { ...form.extra, [field]: payload });
        expectSafe(res.status, await res.text(), `${form.path} ${field}=${JSON.stringify(payload.slice(0, 20))}`);
        checked++;
      }
      const res = await form.client.post(form.path, { ...form.extra, [form.fields[0]]: [payload, payload] });
      expectSafe(res.status, await res.text(), `${form.path} repeated ${form.fields[0]}`);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(300);
  // Whatever was accepted is shown escaped on every page that shows it.
  for (const path of [F, `${F}/outcomes/${code}`, `${F}/1/schedule`, `${F}/1/trace/${code}`]) {
    const res = await commissioner.get(path);
    expectSafe(res.status, await res.text(), path);
  }
  for (const payload of PAYLOADS.filter((p) => p.length < 1000)) {
    const e = payload === "\uD800" ? "%ED%A0%80%ZZ" : encodeURIComponent(payload);
    for (const path of [
      `${F}?version=${e}`,
      `${F}/outcomes/${e}`,
      `${F}/outcomes/${code}/indicators/${e}`,
      `${F}/compare?from=${e}&to=${e}`,
      `${F}/${e}/trace/${e}`,
      `${F}/${e}/schedule`,
      `${F}/${e}/export.json`,
      `${F}/${e}/export.csv`,
      `${F}/${e}/export.xlsx`,
      `${F}/${e}/indigo.json`,
      `/consultations/${e}/signatories`,
      `/consultations/${e}/framework`,
    ]) {
      const res = await commissioner.get(path);
      expectSafe(res.status, await res.text(), path);
    }
  }
}, 180_000);

it("moderation actions (panel) answer hostile values safely", async () => {
  const { submitTextAnswers } = await import("../helpers/moderation");
  const [proposal, freeText] = await submitTextAnswers(server.dbPath, [
    { kind: "propose-outcome", text: "<b>bold</b> proposal", group: "carer" },
    { kind: "free-text", text: '"><img src=x onerror=alert(1)> free text' },
  ]);
  const officer = new Client(server.url);
  await officer.signIn(DEMO.officer.email, DEMO.officer.password);
  const base = "/consultations/joined-up-care/moderation";
  const actions: Array<{ path: string; fields: string[]; extra: Record<string, string> }> = [
    { path: `${base}/${proposal}`, fields: ["statement", "description", "domain", "newDomain"], extra: { intent: "accept" } },
    { path: `${base}/${proposal}`, fields: ["outcome"], extra: { intent: "merge" } },
    { path: `${base}/${proposal}`, fields: ["reason", "intent"], extra: { intent: "reject" } },
    { path: `${base}/${freeText}`, fields: ["quote", "intent"], extra: { intent: "quote" } },
    { path: `${base}/${freeText}`, fields: ["themes"], extra: { intent: "tag" } },
  ];
  let checked = 0;
  for (const action of actions) {
    for (const payload of PAYLOADS) {
      for (const field of action.fields) {
        const res = await officer.post(action.path, { ...action.extra, [field]: payload });
        expectSafe(res.status, await res.text(), `${action.path} ${field}=${JSON.stringify(payload.slice(0, 20))}`);
        checked++;
      }
    }
  }
  for (const page of [base, `${base}/${proposal}`, `${base}/${freeText}`, `${base}?show=decided`]) {
    const res = await officer.get(page);
    expectSafe(res.status, await res.text(), page);
  }
  expect(checked).toBeGreaterThan(100);
}, 180_000);

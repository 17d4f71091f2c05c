/**
 * The authorisation matrix: for EVERY route file in app/routes, who may do what.
 * test/integration/authz-matrix.test.ts reads app/routes and fails when a route has no rule
 * here, so a new route cannot ship without someone deciding who may use it.
 *
 * Actors: signedOut (no cookies), citizen (an anonymous participant with a journey cookie),
 * officerA / commissioner / admin (South Nottinghamshire), officerB (Mid Nottinghamshire:
 * another partnership). The demo consultation `joined-up-care` belongs to South Nottinghamshire.
 *
 * Outcomes: "ok" 200 · "signin" redirect to /sign-in · "deny" 403 · "missing" 404 ·
 * "redirect" any 3xx not to /sign-in · "refused" any 4xx other than 403 (e.g. 400 for an
 * empty form) or a PRG redirect: allowed in, input refused or handled · "noaction" 405.
 * A POST is sent with an empty form and a same-origin Origin header. Staff get is with `staff`,
 * the consultation's own partnership with `partnership({ officer, commissioner, admin })`.
 */
export const ACTORS = ["signedOut", "citizen", "officerA", "officerB", "commissioner", "admin"] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = "ok" | "signin" | "deny" | "missing" | "redirect" | "refused" | "noaction";
export type Expectation = Record<Actor, Outcome>;

export interface RouteRule {
  /** A concrete URL for the route, with parameters from the demo data. */
  path: string;
  get: Expectation;
  post: Expectation;
  /** The POST ends the session: run it with fresh sessions so the other routes keep theirs. */
  signsOut?: boolean;
}

const all = (o: Outcome): Expectation => ({ signedOut: o, citizen: o, officerA: o, officerB: o, commissioner: o, admin: o });
/** Signed-in staff only, any role (e.g. the dashboard). */
const staff = (o: Outcome): Expectation => ({ signedOut: "signin", citizen: "signin", officerA: o, officerB: o, commissioner: o, admin: o });
/** Staff of the consultation's partnership with the given roles; everyone else signed in is refused. */
const partnership = (roles: { officer?: Outcome; commissioner?: Outcome; admin?: Outcome }): Expectation => ({
  signedOut: "signin",
  citizen: "signin",
  officerA: roles.officer ?? "deny",
  officerB: "deny",
  commissioner: roles.commissioner ?? "deny",
  admin: roles.admin ?? "deny",
});

const C = "/consultations/joined-up-care";
const S = "/s/joined-up-care";

export const RULES: Record<string, RouteRule> = {
  $: { path: "/no-such-page", get: all("missing"), post: all("noaction") },
  _index: { path: "/", get: all("ok"), post: all("noaction") },
  accessibility: { path: "/accessibility", get: all("ok"), post: all("noaction") },
  privacy: { path: "/privacy", get: all("ok"), post: all("noaction") },
  healthz: { path: "/healthz", get: all("ok"), post: all("noaction") },
  readyz: { path: "/readyz", get: all("ok"), post: all("noaction") },
  // The error page server.js shows for requests refused before Remix (decision 0023): its status, for everyone.
  "errors.$status": { path: "/errors/415", get: all("refused"), post: all("noaction") },
  /** The benchmark's empty page exists only with BENCH_ROUTES=true. */
  "bench.empty": { path: "/bench/empty", get: all("missing"), post: all("noaction") },
  "language.$lng": { path: "/language/cy", get: all("redirect"), post: all("noaction") },
  "sign-in": {
    path: "/sign-in",
    get: { signedOut: "ok", citizen: "ok", officerA: "redirect", officerB: "redirect", commissioner: "redirect", admin: "redirect" },
    post: all("refused"),
  },
  // Single sign-on (decision 0025): starting without a partnership, or a callback without this browser's state, goes back to sign in.
  "sign-in_.sso": { path: "/sign-in/sso", get: all("signin"), post: all("noaction") },
  "sign-in_.sso_.callback": { path: "/sign-in/sso/callback?code=x&state=y", get: all("signin"), post: all("noaction") },
  "partnerships.$slug.sign-in": {
    path: "/partnerships/south-nottinghamshire/sign-in",
    get: partnership({ admin: "ok" }),
    post: partnership({ admin: "refused" }),
  },
  "sign-out": { path: "/sign-out", get: { ...staff("ok"), signedOut: "redirect", citizen: "redirect" }, post: all("redirect"), signsOut: true },
  "join.$token": { path: "/join/notarealtoken", get: all("missing"), post: all("missing") },
  /** A POST to a route without an action is answered 405 before any loader runs: nothing leaks. */
  dashboard: { path: "/dashboard", get: staff("ok"), post: all("noaction") },
  "partnerships.$slug.users": {
    path: "/partnerships/south-nottinghamshire/users",
    get: partnership({ admin: "ok" }),
    post: partnership({ admin: "refused" }),
  },
  "consultations.$slug.outcomes._index": {
    path: `${C}/outcomes`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused", commissioner: "deny" }),
  },
  /** Adding, changing, retiring and translating outcomes: the partnership's officers only. */
  "consultations.$slug.outcomes.new": { path: `${C}/outcomes/new`, get: partnership({ officer: "ok" }), post: partnership({ officer: "refused" }) },
  "consultations.$slug.outcomes.$code._index": { path: `${C}/outcomes/O1`, get: partnership({ officer: "ok" }), post: partnership({ officer: "refused" }) },
  "consultations.$slug.outcomes.$code.retire": {
    path: `${C}/outcomes/O1/retire`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "consultations.$slug.edit.$locale_.outcomes": {
    path: `${C}/edit/cy/outcomes`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "redirect" }),
  },
  "consultations.$slug.outcomes[.]csv": {
    path: `${C}/outcomes.csv`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: all("noaction"),
  },
  "consultations.$slug.results": {
    path: `${C}/results`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused", commissioner: "deny" }),
  },
  "consultations.$slug.results_.study": {
    path: `${C}/results/study`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: all("noaction"),
  },
  "consultations.$slug.results_.report": {
    path: `${C}/results/report`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused", commissioner: "deny" }),
  },
  "consultations.$slug.results_.report[.]csv": {
    path: `${C}/results/report.csv`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: all("noaction"),
  },
  // ── Officers: consultations, lifecycle, survey builder, rounds ──
  "consultations.new": {
    path: "/consultations/new",
    get: { signedOut: "signin", citizen: "signin", officerA: "ok", officerB: "ok", commissioner: "deny", admin: "deny" },
    post: { signedOut: "signin", citizen: "signin", officerA: "refused", officerB: "refused", commissioner: "deny", admin: "deny" },
  },
  "consultations.$slug._index": {
    path: C,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused", commissioner: "deny" }),
  },
  "consultations.$slug.edit._index": {
    path: `${C}/edit`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "consultations.$slug.edit.$locale": {
    path: `${C}/edit/en`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "consultations.$slug.edit.$locale_.remove": {
    path: `${C}/edit/pl/remove`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "redirect" }),
  },
  "consultations.$slug.survey": {
    path: `${C}/survey`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused", commissioner: "deny" }),
  },
  "consultations.$slug.rounds.$number._index": {
    path: `${C}/rounds/1`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused", commissioner: "deny" }),
  },
  /** Round 1 of the demo has responses: the pages explain the lock, and saving is refused (409). */
  "consultations.$slug.rounds.$number.import": { path: `${C}/rounds/1/import`, get: partnership({ officer: "ok" }), post: partnership({ officer: "refused" }) },
  "consultations.$slug.rounds.$number.questions.new": {
    path: `${C}/rounds/1/questions/new`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "consultations.$slug.rounds.$number.questions.$questionId": {
    path: `${C}/rounds/1/questions/1`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "consultations.$slug.rounds.new": {
    path: `${C}/rounds/new`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  // ── Panel: advisory groups, invitations, email, moderation, codebook ──
  /** Only when mail capture is on (development); the matrix server runs without it. */
  "dev.mailbox": { path: "/dev/mailbox", get: all("missing"), post: all("noaction") },
  "partnerships.$slug.groups._index": {
    path: "/partnerships/south-nottinghamshire/groups",
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "partnerships.$slug.groups.$groupId._index": {
    path: "/partnerships/south-nottinghamshire/groups/1",
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "partnerships.$slug.groups.$groupId.members.new": {
    path: "/partnerships/south-nottinghamshire/groups/1/members/new",
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "partnerships.$slug.groups.$groupId.members.$memberId": {
    path: "/partnerships/south-nottinghamshire/groups/1/members/1",
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  // ── Personal data: retention, subject access, erasure: officers only ──
  "partnerships.$slug.groups.$groupId.members.$memberId_.privacy": {
    path: "/partnerships/south-nottinghamshire/groups/1/members/1/privacy",
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "partnerships.$slug.groups.$groupId.members.$memberId_.data[.]json": {
    path: "/partnerships/south-nottinghamshire/groups/1/members/1/data.json",
    get: partnership({ officer: "ok" }),
    post: all("noaction"),
  },
  "consultations.$slug.privacy": {
    path: `${C}/privacy`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "partnerships.$slug.groups.$groupId.members[.]csv": {
    path: "/partnerships/south-nottinghamshire/groups/1/members.csv",
    get: partnership({ officer: "ok" }),
    post: all("noaction"),
  },
  "consultations.$slug.invitations": {
    path: `${C}/invitations`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  /** Aggregates only: commissioners may read. */
  "consultations.$slug.participation": {
    path: `${C}/participation`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: all("noaction"),
  },
  "consultations.$slug.moderation._index": {
    path: `${C}/moderation`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: all("noaction"),
  },
  /** No such answer in the demo: the partnership check comes first (403), then 404. */
  "consultations.$slug.moderation.$answerId": {
    path: `${C}/moderation/999999`,
    get: partnership({ officer: "missing", commissioner: "missing" }),
    post: partnership({ officer: "missing" }),
  },
  "consultations.$slug.codebook": {
    path: `${C}/codebook`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  /** No codebook theme in the matrix's database: officers get 404 once the partnership check passed. */
  "consultations.$slug.codebook_.$themeId.outcome": {
    path: `${C}/codebook/999999/outcome`,
    get: partnership({ officer: "missing" }),
    post: partnership({ officer: "missing" }),
  },
  "consultations.$slug.themes._index": {
    path: `${C}/themes`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: all("noaction"),
  },
  /** Question pages of the themes area, for a question the demo does not have: 404 after the partnership check. */
  "consultations.$slug.themes.$questionId._index": {
    path: `${C}/themes/999999`,
    get: partnership({ officer: "missing", commissioner: "missing" }),
    post: partnership({ officer: "missing" }),
  },
  "consultations.$slug.themes.$questionId.review": {
    path: `${C}/themes/999999/review`,
    get: partnership({ officer: "missing", commissioner: "missing" }),
    post: partnership({ officer: "missing" }),
  },
  "consultations.$slug.themes.$questionId.agreement._index": {
    path: `${C}/themes/999999/agreement`,
    get: partnership({ officer: "missing", commissioner: "missing" }),
    post: partnership({ officer: "missing" }),
  },
  "consultations.$slug.themes.$questionId.agreement.code": {
    path: `${C}/themes/999999/agreement/code`,
    get: partnership({ officer: "missing" }),
    post: partnership({ officer: "missing" }),
  },
  "consultations.$slug.themes.$questionId.codings[.]csv": {
    path: `${C}/themes/999999/codings.csv`,
    get: partnership({ officer: "missing", commissioner: "missing" }),
    post: all("noaction"),
  },
  "consultations.$slug.themes.$questionId.groups": {
    path: `${C}/themes/999999/groups`,
    get: partnership({ officer: "missing", commissioner: "missing" }),
    post: all("noaction"),
  },
  "consultations.$slug.invitations_.emails": {
    path: `${C}/invitations/emails`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  // ── Commissioners: signatories, outcome sets, exports. The matrix's fresh database has no
  // outcome set yet, so pages of a version answer 404 to the commissioner (everyone else is refused first).
  "consultations.$slug.signatories": {
    path: `${C}/signatories`,
    get: partnership({ officer: "ok", commissioner: "ok" }),
    post: partnership({ officer: "refused", commissioner: "deny" }),
  },
  "consultations.$slug.framework._index": {
    path: `${C}/framework`,
    get: partnership({ commissioner: "ok" }),
    post: partnership({ commissioner: "refused" }),
  },
  "consultations.$slug.framework.weights": {
    path: `${C}/framework/weights`,
    get: partnership({ commissioner: "missing" }),
    post: partnership({ commissioner: "missing" }),
  },
  "consultations.$slug.framework.reweight": {
    path: `${C}/framework/reweight`,
    get: partnership({ commissioner: "missing" }),
    post: partnership({ commissioner: "missing" }),
  },
  "consultations.$slug.framework.compare": { path: `${C}/framework/compare?from=1&to=2`, get: partnership({ commissioner: "missing" }), post: all("noaction") },
  "consultations.$slug.framework.outcomes.$code": {
    path: `${C}/framework/outcomes/O1`,
    get: partnership({ commissioner: "missing" }),
    post: partnership({ commissioner: "missing" }),
  },
  "consultations.$slug.framework.outcomes.$code_.indicators.$indicator": {
    path: `${C}/framework/outcomes/O1/indicators/new`,
    get: partnership({ commissioner: "missing" }),
    post: partnership({ commissioner: "missing" }),
  },
  "consultations.$slug.framework.$version.trace.$code": {
    path: `${C}/framework/1/trace/O1`,
    get: partnership({ commissioner: "missing" }),
    post: all("noaction"),
  },
  "consultations.$slug.framework.$version.schedule": {
    path: `${C}/framework/1/schedule`,
    get: partnership({ commissioner: "missing" }),
    post: all("noaction"),
  },
  "consultations.$slug.framework.$version.export[.]json": {
    path: `${C}/framework/1/export.json`,
    get: partnership({ commissioner: "missing" }),
    post: all("noaction"),
  },
  "consultations.$slug.framework.$version.export[.]csv": {
    path: `${C}/framework/1/export.csv`,
    get: partnership({ commissioner: "missing" }),
    post: all("noaction"),
  },
  "consultations.$slug.framework.$version.export[.]xlsx": {
    path: `${C}/framework/1/export.xlsx`,
    get: partnership({ commissioner: "missing" }),
    post: all("noaction"),
  },
  "consultations.$slug.framework.$version.indigo[.]json": {
    path: `${C}/framework/1/indigo.json`,
    get: partnership({ commissioner: "missing" }),
    post: all("noaction"),
  },
  // ── Citizens: the journey is public; a participant is whoever holds the journey cookie.
  // The POST to the start page (run first, in alphabetical order) makes every actor a participant, so
  // later rules see a participant with an empty draft: pages ahead of the first question redirect to it.
  "s.$slug._index": { path: S, get: all("ok"), post: all("redirect") },
  "s.$slug.briefing.$n": { path: `${S}/briefing/1`, get: all("ok"), post: all("noaction") },
  "s.$slug.q.$qid": { path: `${S}/q/1`, get: all("ok"), post: all("refused") },
  "s.$slug.about-you": { path: `${S}/about-you`, get: all("redirect"), post: all("redirect") },
  "s.$slug.check": { path: `${S}/check`, get: all("redirect"), post: all("redirect") },
  "s.$slug.done": { path: `${S}/done`, get: all("redirect"), post: all("redirect") },
  "s.$slug.withdraw": { path: `${S}/withdraw`, get: all("redirect"), post: all("redirect") },
  "s.$slug.withdrawn": { path: `${S}/withdrawn`, get: all("ok"), post: all("noaction") },
  "s.$slug.download.$format": { path: `${S}/download/json`, get: all("ok"), post: all("noaction") },
  "invite.$token": { path: "/invite/notarealtoken", get: all("missing"), post: all("noaction") },
  resume: { path: "/resume", get: all("ok"), post: all("refused") },
  /** The staff preview: the consultation's officers, commissioners and administrators only. */
  "s.$slug.preview._index": {
    path: `${S}/preview`,
    get: partnership({ officer: "ok", commissioner: "ok", admin: "ok" }),
    post: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
  },
  "s.$slug.preview.briefing.$n": {
    path: `${S}/preview/briefing/1`,
    get: partnership({ officer: "ok", commissioner: "ok", admin: "ok" }),
    post: all("noaction"),
  },
  "s.$slug.preview.q.$qid": {
    path: `${S}/preview/q/1`,
    get: partnership({ officer: "ok", commissioner: "ok", admin: "ok" }),
    post: partnership({ officer: "refused", commissioner: "refused", admin: "refused" }),
  },
  "s.$slug.preview.about-you": {
    path: `${S}/preview/about-you`,
    get: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
    post: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
  },
  "s.$slug.preview.check": {
    path: `${S}/preview/check`,
    get: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
    post: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
  },
  "s.$slug.preview.done": {
    path: `${S}/preview/done`,
    get: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
    post: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
  },
  "s.$slug.preview.withdraw": {
    path: `${S}/preview/withdraw`,
    get: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
    post: partnership({ officer: "redirect", commissioner: "redirect", admin: "redirect" }),
  },
  "s.$slug.preview.withdrawn": { path: `${S}/preview/withdrawn`, get: partnership({ officer: "ok", commissioner: "ok", admin: "ok" }), post: all("noaction") },
  "s.$slug.preview.download.$format": {
    path: `${S}/preview/download/json`,
    get: partnership({ officer: "ok", commissioner: "ok", admin: "ok" }),
    post: all("noaction"),
  },
  // ── Publication: public summaries (nothing published in the matrix's fresh demo) ──
  "summaries._index": { path: "/summaries?q=care", get: all("ok"), post: all("noaction") },
  "summaries.$slug": { path: "/summaries/joined-up-care", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.easy-read": { path: "/summaries/joined-up-care/easy-read", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.v.$version": { path: "/summaries/joined-up-care/v/1", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.v.$version_.easy-read": { path: "/summaries/joined-up-care/v/1/easy-read", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.v.$version_.data[.]csv": { path: "/summaries/joined-up-care/v/1/data.csv", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.v.$version_.data[.]json": { path: "/summaries/joined-up-care/v/1/data.json", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.data[.]csv": { path: "/summaries/joined-up-care/data.csv", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.data[.]json": { path: "/summaries/joined-up-care/data.json", get: all("missing"), post: all("noaction") },
  "summaries.$slug_.images.$id": { path: "/summaries/joined-up-care/images/1", get: all("missing"), post: all("noaction") },
  "consultations.$slug.publication": {
    path: `${C}/publication`,
    get: partnership({ officer: "ok" }),
    post: partnership({ officer: "refused" }),
  },
  "consultations.$slug.publication_.preview": {
    path: `${C}/publication/preview`,
    get: partnership({ officer: "ok" }),
    post: all("noaction"),
  },
};

/**
 * The tables the application queries, for whichever database this process runs on: the
 * PostgreSQL definitions (`db/schema.pg.ts`) when `DATABASE_URL` is a `postgres://` URL, the
 * SQLite ones (`db/schema.ts`) otherwise. Chosen once, when the module loads (a process runs on
 * one database), so `DATABASE_URL` must be set before anything imports this module.
 *
 * Both schemas have the same tables, columns, property names and JavaScript types (Date for
 * instants, boolean, number, Buffer, parsed JSON), checked by `db/schema-parity.test.ts`, and
 * drizzle's query builder has the same API over both. So the code is written once against the
 * SQLite types, and this is the one place that says the PostgreSQL tables stand in for them
 * (the cast below). What differs between the dialects at run time (raw SQL, changed-row counts,
 * prepared statements, transactions) goes through `app/db/sql.server.ts` and `app/db.server.ts`.
 */
import * as sqlite from "./schema";
import * as pg from "./schema.pg";

export type Dialect = "sqlite" | "postgres";

/** Which database a `DATABASE_URL` selects: PostgreSQL for `postgres://`/`postgresql://`, else SQLite. */
export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export const dialect: Dialect = dialectOf(process.env.DATABASE_URL);

// The one cast: see above.
const chosen = (dialect === "postgres" ? pg : sqlite) as unknown as typeof sqlite;

export * from "./schema";
export const {
  organisations,
  partnerships,
  partnershipOrganisations,
  users,
  memberships,
  sessions,
  signInFailures,
  trustedDevices,
  identityProviders,
  userIdentities,
  ssoAttempts,
  userInvitations,
  consultations,
  consultationTranslations,
  advisoryGroups,
  advisoryGroupMembers,
  outcomeDomains,
  outcomeDomainTranslations,
  candidateOutcomes,
  candidateOutcomeTranslations,
  ratingWordings,
  surveys,
  rounds,
  questions,
  questionTranslations,
  participants,
  participantProfiles,
  invitations,
  responseDrafts,
  responseImports,
  responses,
  answers,
  auditLog,
  populationMargins,
  aggregationResults,
  consultationSignatories,
  outcomeSets,
  outcomeSetSignatures,
  emailOutbox,
  publicationDrafts,
  publicationTexts,
  studyReportTexts,
  publicationImages,
  publicationVersions,
  moderationDecisions,
  approvedQuotes,
  codebookThemes,
  answerThemes,
  themeRuns,
  themeSuggestions,
  machineCodings,
  codingReviews,
  agreementSamples,
  agreementSampleItems,
  outcomeProvenance,
  contentVersion,
  previewSessions,
  rateLimitHits,
  periodicRuns,
} = chosen;

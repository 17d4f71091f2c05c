/**
 * The PostgreSQL twin of `db/schema.ts`: the same tables, columns, nullability,
 * keys and indexes, in PostgreSQL's types — identity ids, `timestamptz(3)` for instants,
 * `boolean`, `double precision`, `bytea`, `jsonb`, `bigint` for millisecond counters.
 * `db/schema-parity.test.ts` compares the two so they cannot drift; change both together.
 * The value lists (roles, statuses…) are defined once, in `db/schema.ts`.
 */
import { sql } from "drizzle-orm";
import { customType, bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { LICENCES } from "../app/domain/publication/summary";
import { OUTCOME_STATUSES } from "../app/domain/outcome-form";
import { RESPONSE_CHANNELS } from "../app/domain/survey/response-import";
import {
  AUDIENCES,
  CONSULTATION_STATUSES,
  QUESTION_TYPES,
  ROUND_STATUSES,
  STAKEHOLDER_GROUPS,
  ROLES,
  OUTCOME_SET_STATUSES,
  EMAIL_STATUSES,
  MODERATION_DECISIONS,
  THEME_RUN_KINDS,
  THEME_RUN_STATES,
  THEME_SUGGESTION_STATES,
} from "./schema";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

// statement_timestamp(), not now(): now() is the transaction's start, so every row a transaction
// makes would share one instant, where SQLite's default is taken per statement.
const createdAt = () =>
  timestamp("created_at", { withTimezone: true, precision: 3, mode: "date" })
    .notNull()
    .default(sql`statement_timestamp()`);

// ── Organisations and partnerships ───────────────────────────────────────────
export const organisations = pgTable("organisations", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull().unique(),
  kind: text("kind", { enum: ["commissioner", "provider", "other"] }).notNull(),
  createdAt: createdAt(),
});

export const partnerships = pgTable("partnerships", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: createdAt(),
});

export const partnershipOrganisations = pgTable(
  "partnership_organisations",
  {
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.organisationId] })],
);

// ── People, roles and sessions ───────────────────────────────────────────────
export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  /** Stored lower-cased; the unique index is the identity. */
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  /** argon2id PHC string; null until an invited user sets a password. */
  passwordHash: text("password_hash"),
  organisationId: integer("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
  disabledAt: timestamp("disabled_at", { withTimezone: true, precision: 3, mode: "date" }),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    partnershipId: integer("partnership_id")
      .notNull()
      .references(() => partnerships.id, { onDelete: "cascade" }),
    role: text("role", { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_user_partnership_role").on(t.userId, t.partnershipId, t.role)],
);

/** Session model from the Lucia author's guide: id + secret, only SHA-256(secret) stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    secretHash: bytea("secret_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
    /** The partnership whose identity provider signed this session in (single sign-on); null for a password. */
    ssoPartnershipId: integer("sso_partnership_id").references(() => partnerships.id, { onDelete: "set null" }),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/**
 * Failed password sign-ins per throttle key (decision 0001): an address, an address and an
 * account, an account from browsers it never signed in on, or one trusted browser. Successes
 * are never counted; a key is forgotten after SIGN_IN_WINDOW_SECONDS without failures.
 */
export const signInFailures = pgTable("sign_in_failures", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: bigint("last_failure_at", { mode: "number" }).notNull(),
});

/**
 * Browsers a user has signed in on with their password (OWASP's device cookies): the cookie
 * holds "id.secret", this table SHA-256(secret). Failures from such a browser are counted
 * apart, so attacks from elsewhere never keep the real user out.
 */
export const trustedDevices = pgTable(
  "trusted_devices",
  {
    id: text("id").primaryKey(),
    secretHash: bytea("secret_hash").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
  },
  (t) => [index("trusted_devices_user").on(t.userId)],
);

/** A partnership's OpenID Connect provider for staff sign-in (decision 0025). */
export const identityProviders = pgTable("identity_providers", {
  partnershipId: integer("partnership_id")
    .primaryKey()
    .references(() => partnerships.id, { onDelete: "cascade" }),
  /** Issuer URL; its /.well-known/openid-configuration is discovered. */
  issuer: text("issuer").notNull(),
  clientId: text("client_id").notNull(),
  clientSecret: text("client_secret").notNull(),
  /** Lower-case email domains whose users may sign in this way. */
  allowedDomains: jsonb("allowed_domains").$type<string[]>().notNull(),
  /** The ID token claim that carries the email address. */
  emailClaim: text("email_claim").notNull().default("email"),
  /** Staff whose every partnership requires it cannot sign in with a password. */
  requireSso: boolean("require_sso").notNull().default(false),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
});

/** An identity provider's account (issuer and subject) linked to one of ours at its first sign-in. */
export const userIdentities = pgTable(
  "user_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index("user_identities_user").on(t.userId)],
);

/** A sign-in sent to an identity provider and not back yet: used once, with its PKCE verifier and nonce. */
export const ssoAttempts = pgTable("sso_attempts", {
  /** SHA-256 of the state; the browser holds the state itself in a cookie. */
  stateHash: text("state_hash").primaryKey(),
  partnershipId: integer("partnership_id")
    .notNull()
    .references(() => partnerships.id, { onDelete: "cascade" }),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  redirectTo: text("redirect_to").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
});

/** An administrator's invitation to a staff account with a role in a partnership. */
export const userInvitations = pgTable("user_invitations", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  email: text("email").notNull(),
  displayName: text("display_name").notNull(),
  partnershipId: integer("partnership_id")
    .notNull()
    .references(() => partnerships.id, { onDelete: "cascade" }),
  role: text("role", { enum: ROLES }).notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  invitedBy: integer("invited_by").references(() => users.id, { onDelete: "set null" }),
  expiresAt: timestamp("expires_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
  acceptedAt: timestamp("accepted_at", { withTimezone: true, precision: 3, mode: "date" }),
  revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3, mode: "date" }),
  createdAt: createdAt(),
});

// ── Consultations (content per locale) ───────────────────────────────────────
export const consultations = pgTable("consultations", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  partnershipId: integer("partnership_id")
    .notNull()
    .references(() => partnerships.id, { onDelete: "cascade" }),
  slug: text("slug").notNull().unique(),
  status: text("status", { enum: CONSULTATION_STATUSES }).notNull().default("draft"),
  audience: text("audience", { enum: AUDIENCES }).notNull().default("both"),
  advisoryGroupId: integer("advisory_group_id").references(() => advisoryGroups.id, { onDelete: "set null" }),
  opensAt: timestamp("opens_at", { withTimezone: true, precision: 3, mode: "date" }),
  closesAt: timestamp("closes_at", { withTimezone: true, precision: 3, mode: "date" }),
  contactEmail: text("contact_email"),
  /** Personal data (invitation links to members, profiles, drafts, emails sent) is deleted after this date; anonymous answers and results stay. */
  personalDataRetainUntil: timestamp("personal_data_retain_until", { withTimezone: true, precision: 3, mode: "date" }),
  personalDataDeletedAt: timestamp("personal_data_deleted_at", { withTimezone: true, precision: 3, mode: "date" }),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3, mode: "date" }),
});

export const consultationTranslations = pgTable(
  "consultation_translations",
  {
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    /** Markdown; sanitised when rendered. */
    briefing: text("briefing").notNull().default(""),
    privacyNotice: text("privacy_notice").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.locale] })],
);

// ── Citizen's Advisory Groups ────────────────────────────────────────────────
export const advisoryGroups = pgTable("advisory_groups", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  partnershipId: integer("partnership_id")
    .notNull()
    .references(() => partnerships.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  createdAt: createdAt(),
});

/** Profile fields are optional and only kept with consent (profileConsentAt). */
export const advisoryGroupMembers = pgTable(
  "advisory_group_members",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    groupId: integer("group_id")
      .notNull()
      .references(() => advisoryGroups.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    email: text("email"),
    stakeholderGroup: text("stakeholder_group", { enum: STAKEHOLDER_GROUPS }).notNull(),
    ageBand: text("age_band"),
    sex: text("sex"),
    locality: text("locality"),
    ethnicity: text("ethnicity"),
    preferredLocale: text("preferred_locale").notNull().default("en"),
    profileConsentAt: timestamp("profile_consent_at", { withTimezone: true, precision: 3, mode: "date" }),
    joinedAt: createdAt(),
    leftAt: timestamp("left_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [index("members_group").on(t.groupId)],
);

// ── Candidate outcomes, grouped in domains ───────────────────────────────────
export const outcomeDomains = pgTable(
  "outcome_domains",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("domains_consultation_code").on(t.consultationId, t.code)],
);

export const outcomeDomainTranslations = pgTable(
  "outcome_domain_translations",
  {
    domainId: integer("domain_id")
      .notNull()
      .references(() => outcomeDomains.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.domainId, t.locale] })],
);

export const candidateOutcomes = pgTable(
  "candidate_outcomes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    domainId: integer("domain_id").references(() => outcomeDomains.id, { onDelete: "set null" }),
    code: text("code").notNull(),
    /** Where it came from, e.g. "Seed 001 survey" or "Proposed by a participant". */
    source: text("source").notNull().default(""),
    /** "retired": no longer offered in new rounds; kept, with its answers, in past rounds and results. */
    status: text("status", { enum: OUTCOME_STATUSES }).notNull().default("active"),
    mergedIntoId: integer("merged_into_id"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("outcomes_consultation_code").on(t.consultationId, t.code)],
);

export const candidateOutcomeTranslations = pgTable(
  "candidate_outcome_translations",
  {
    outcomeId: integer("outcome_id")
      .notNull()
      .references(() => candidateOutcomes.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    statement: text("statement").notNull(),
    description: text("description").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.outcomeId, t.locale] })],
);

/**
 * A consultation's rating question wording in one language, with [outcome] where the
 * statement goes; without a row, the interface's standard wording for that language is used.
 */
export const ratingWordings = pgTable(
  "rating_wordings",
  {
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    text: text("text").notNull(),
    hint: text("hint").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.locale] })],
);

// ── Surveys, rounds and questions ────────────────────────────────────────────
export const surveys = pgTable("surveys", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  consultationId: integer("consultation_id")
    .notNull()
    .unique()
    .references(() => consultations.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});

export const rounds = pgTable(
  "rounds",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    surveyId: integer("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    status: text("status", { enum: ROUND_STATUSES }).notNull().default("draft"),
    opensAt: timestamp("opens_at", { withTimezone: true, precision: 3, mode: "date" }),
    closesAt: timestamp("closes_at", { withTimezone: true, precision: 3, mode: "date" }),
    /** Delphi feedback: show own previous answer and the group's distribution. */
    showFeedback: boolean("show_feedback").notNull().default(false),
    /** What group feedback participants see in this round: the overall distribution, or split by stakeholder group. */
    feedbackBy: text("feedback_by", { enum: ["overall", "stakeholder-group"] })
      .notNull()
      .default("overall"),
    allowNewParticipants: boolean("allow_new_participants").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rounds_survey_number").on(t.surveyId, t.number)],
);

export const questions = pgTable(
  "questions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    type: text("type", { enum: QUESTION_TYPES }).notNull(),
    required: boolean("required").notNull().default(true),
    /** For "rating" questions: the candidate outcome rated. */
    outcomeId: integer("outcome_id").references(() => candidateOutcomes.id, { onDelete: "restrict" }),
    /** Type-specific settings (choice keys, profile field, ranked outcome ids…), JSON. */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    conditionQuestionId: integer("condition_question_id"),
    conditionValue: text("condition_value"),
    createdAt: createdAt(),
  },
  (t) => [index("questions_round").on(t.roundId, t.position)],
);

export const questionTranslations = pgTable(
  "question_translations",
  {
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    text: text("text").notNull(),
    hint: text("hint").notNull().default(""),
    /** Choice labels keyed by choice key, JSON. */
    options: jsonb("options").$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.locale] })],
);

// ── Participation ────────────────────────────────────────────────────────────
/** A participant's identity within one consultation, across its rounds. */
export const participants = pgTable(
  "participants",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    memberId: integer("member_id").references(() => advisoryGroupMembers.id, { onDelete: "set null" }),
    /** SHA-256 of the resume code for anonymous participants. */
    resumeTokenHash: text("resume_token_hash").unique(),
    /**
     * The respondent id of an imported (paper, phone, event…) response, as the officer's file
     * gives it: the same id in two rounds' files is the same participant.
     */
    externalId: text("external_id"),
    createdAt: createdAt(),
  },
  (t) => [index("participants_consultation").on(t.consultationId), uniqueIndex("participants_consultation_external").on(t.consultationId, t.externalId)],
);

/** Profile answers are kept apart from survey answers. */
export const participantProfiles = pgTable("participant_profiles", {
  participantId: integer("participant_id")
    .primaryKey()
    .references(() => participants.id, { onDelete: "cascade" }),
  stakeholderGroup: text("stakeholder_group", { enum: STAKEHOLDER_GROUPS }),
  ageBand: text("age_band"),
  sex: text("sex"),
  locality: text("locality"),
  ethnicity: text("ethnicity"),
  consentedAt: timestamp("consented_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
});

/**
 * A personal invitation to one round for one advisory group member. The link is
 * `/invite/<token>` (token from randomToken(), only hashTokenHex(token) stored); it opens
 * the journey for that member and round, resumes their draft, and completes one response
 * (completedAt set on submit; afterwards it shows the confirmation, never a second response).
 */
export const invitations = pgTable(
  "invitations",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    memberId: integer("member_id")
      .notNull()
      .references(() => advisoryGroupMembers.id, { onDelete: "cascade" }),
    roundId: integer("round_id").references(() => rounds.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    completedAt: timestamp("completed_at", { withTimezone: true, precision: 3, mode: "date" }),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, precision: 3, mode: "date" }),
    /** The last reminder sent for this invitation (nobody gets two reminders within 24 hours). */
    remindedAt: timestamp("reminded_at", { withTimezone: true, precision: 3, mode: "date" }),
    reminderCount: integer("reminder_count").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_round_member").on(t.roundId, t.memberId), index("invitations_member").on(t.memberId)],
);

/** Draft answers, saved on every Continue; kept apart from submitted responses. */
export const responseDrafts = pgTable(
  "response_drafts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    answers: jsonb("answers").$type<Record<string, unknown>>().notNull().default({}),
    locale: text("locale").notNull().default("en"),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
  },
  (t) => [uniqueIndex("drafts_round_participant").on(t.roundId, t.participantId)],
);

/**
 * A file of responses collected another way (paper, phone, event…) that an officer imported
 * into a round. One file once per round: the file's SHA-256 is unique per round.
 */
export const responseImports = pgTable(
  "response_imports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    responseCount: integer("response_count").notNull(),
    importedBy: integer("imported_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("response_imports_round_file").on(t.roundId, t.fileSha256)],
);

/** Submitted responses: at most one per participant and round. */
export const responses = pgTable(
  "responses",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    participantId: integer("participant_id")
      .notNull()
      .references(() => participants.id, { onDelete: "cascade" }),
    reference: text("reference").notNull().unique(),
    locale: text("locale").notNull().default("en"),
    submittedAt: timestamp("submitted_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
    /** How the response reached us: "online" through the journey, or the channel of an import. */
    channel: text("channel", { enum: RESPONSE_CHANNELS }).notNull().default("online"),
    importId: integer("import_id").references(() => responseImports.id, { onDelete: "set null" }),
  },
  (t) => [uniqueIndex("responses_round_participant").on(t.roundId, t.participantId)],
);

export const answers = pgTable(
  "answers",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    responseId: integer("response_id")
      .notNull()
      .references(() => responses.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "restrict" }),
    /** Rating 1–9 (null with unable=true for "unable to score"), Likert 1–5, etc. */
    numericValue: doublePrecision("numeric_value"),
    unable: boolean("unable").notNull().default(false),
    /** Choice keys, ranking order, free text: JSON or text as the question type says. */
    textValue: text("text_value"),
  },
  (t) => [uniqueIndex("answers_response_question").on(t.responseId, t.questionId), index("answers_question").on(t.questionId)],
);

// ── Audit log (append-only: triggers in the migrations refuse UPDATE and DELETE) ──
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp("at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
    actorUserId: integer("actor_user_id"),
    partnershipId: integer("partnership_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("audit_partnership_at").on(t.partnershipId, t.at)],
);

// ── Aggregation ────────────────────────────────────────────────────
/** Population margins an officer uploaded (CSV variable,category,target), kept as uploaded and parsed. */
export const populationMargins = pgTable("population_margins", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  consultationId: integer("consultation_id")
    .notNull()
    .references(() => consultations.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  /** [{ variable, category, target }] */
  rows: jsonb("rows").$type<Array<{ variable: string; category: string; target: number }>>().notNull(),
  uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

/**
 * Every computed result is kept as a version; a new rule or new margins adds a
 * version rather than overwriting. `inputHash` (responses + parameters +
 * margins) lets identical inputs reuse a stored result.
 */
export const aggregationResults = pgTable(
  "aggregation_results",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    roundId: integer("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    inputHash: text("input_hash").notNull(),
    marginsId: integer("margins_id").references(() => populationMargins.id, { onDelete: "set null" }),
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull(),
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    responseCount: integer("response_count").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("results_round_version").on(t.roundId, t.version), index("results_round_hash").on(t.roundId, t.inputHash)],
);

// ── Outcome sets: framework, agreement, versions ───────────────────
/** The commissioning organisations that must sign a consultation's outcome set (named by an officer). */
export const consultationSignatories = pgTable(
  "consultation_signatories",
  {
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    addedBy: integer("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.organisationId] })],
);

/**
 * One version of a consultation's outcome set. `content` is the whole framework
 * (app/domain/framework OutcomeSetContent, validated with zod on read). Agreed
 * versions are immutable: triggers in the migration refuse UPDATE and DELETE,
 * and refuse "agreed" unless every required organisation has signed.
 */
export const outcomeSets = pgTable(
  "outcome_sets",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: text("status", { enum: OUTCOME_SET_STATUSES }).notNull().default("draft"),
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    /** Why this version exists (required from version 2). */
    changeReason: text("change_reason").notNull().default(""),
    previousVersionId: integer("previous_version_id"),
    /** No foreign key: deleting a user must not rewrite an agreed (immutable) version. */
    createdBy: integer("created_by"),
    createdByName: text("created_by_name").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3, mode: "date" }),
    updatedByName: text("updated_by_name").notNull().default(""),
    proposedAt: timestamp("proposed_at", { withTimezone: true, precision: 3, mode: "date" }),
    agreedAt: timestamp("agreed_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [uniqueIndex("outcome_sets_consultation_version").on(t.consultationId, t.version)],
);

/** Sign-off rows: one per required organisation, created when the set is proposed, filled in when signed. */
export const outcomeSetSignatures = pgTable(
  "outcome_set_signatures",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    setId: integer("set_id")
      .notNull()
      .references(() => outcomeSets.id, { onDelete: "cascade" }),
    organisationId: integer("organisation_id").notNull(),
    organisationName: text("organisation_name").notNull(),
    userId: integer("user_id"),
    signerName: text("signer_name"),
    signedAt: timestamp("signed_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [uniqueIndex("outcome_set_signatures_set_org").on(t.setId, t.organisationId)],
);

// ── Email outbox: written in the caller's transaction, delivered by the sender loop ──

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    /** What the email is for: "invitation", "reminder", "receipt"… */
    kind: text("kind").notNull(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html"),
    consultationId: integer("consultation_id").references(() => consultations.id, { onDelete: "set null" }),
    /** The row the email is about (an invitation id for invitations and reminders). */
    relatedId: integer("related_id"),
    status: text("status", { enum: EMAIL_STATUSES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
    lastError: text("last_error"),
    messageId: text("message_id"),
    sentAt: timestamp("sent_at", { withTimezone: true, precision: 3, mode: "date" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [
    index("email_outbox_due").on(t.status, t.nextAttemptAt),
    index("email_outbox_related").on(t.kind, t.relatedId),
    index("email_outbox_consultation").on(t.consultationId, t.createdAt),
  ],
);

// ── Publication ────────────────────────────────────────────────────

/** The officer's working copy of a consultation's published summary: what it is built from. */
export const publicationDrafts = pgTable("publication_drafts", {
  consultationId: integer("consultation_id")
    .primaryKey()
    .references(() => consultations.id, { onDelete: "cascade" }),
  /** Round whose results are summarised; null: the latest round with a result. */
  roundNumber: integer("round_number"),
  /** Aggregation result version of that round; null: its latest version. */
  resultVersion: integer("result_version"),
  /** Population figures for "who took part"; null: none. */
  marginsId: integer("margins_id").references(() => populationMargins.id, { onDelete: "set null" }),
  licence: text("licence", { enum: LICENCES }).notNull().default("OGL-3.0"),
  updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
});

/** The officer's narrative per locale, and the Easy Read pictures' alternative text. */
export const publicationTexts = pgTable(
  "publication_texts",
  {
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    locale: text("locale").notNull(),
    whatWeAsked: text("what_we_asked").notNull().default(""),
    whatWeDid: text("what_we_did").notNull().default(""),
    method: text("method").notNull().default(""),
    contact: text("contact").notNull().default(""),
    /** Alternative text per Easy Read point, JSON { asked: "...", ... }. */
    easyReadAlt: jsonb("easy_read_alt").$type<Record<string, string>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.locale] })],
);

/**
 * What the officer wrote for the COS-STAR items the data cannot answer (protocol,
 * ethics, funding, conflicts…), one text per checklist item, in the language it was written in.
 */
export const studyReportTexts = pgTable(
  "study_report_texts",
  {
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    /** The COS-STAR checklist number: 4, 10, 11, 15, 16, 17 or 18. */
    item: text("item").notNull(),
    text: text("text").notNull(),
    locale: text("locale").notNull().default("en"),
    updatedBy: integer("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.item] })],
);

/** Pictures for Easy Read points; never changed once stored, so published versions keep theirs. */
export const publicationImages = pgTable(
  "publication_images",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    point: text("point").notNull(),
    mime: text("mime", { enum: ["image/png", "image/jpeg", "image/webp"] }).notNull(),
    data: bytea("data").notNull(),
    sha256: text("sha256").notNull(),
    /** Null while it is the point's current picture. */
    replacedAt: timestamp("replaced_at", { withTimezone: true, precision: 3, mode: "date" }),
    uploadedBy: integer("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("publication_images_consultation").on(t.consultationId, t.point)],
);

/** Each published version, kept: a frozen, disclosure-controlled snapshot of the summary. */
export const publicationVersions = pgTable(
  "publication_versions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    changeNote: text("change_note").notNull().default(""),
    changeNoteLang: text("change_note_lang").notNull().default("en"),
    publishedBy: integer("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
    /** Set when the officer unpublishes this version. */
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [uniqueIndex("publication_versions_consultation_version").on(t.consultationId, t.version)],
);

// ── Moderation and codebook ────────────────────────────────────────
/**
 * An officer's decision on a submitted free-text or proposed-outcome answer. The queue is
 * every such answer without a decision. Proposals are accepted (a new candidate outcome),
 * merged into an existing one, or rejected with a reason; free text is marked reviewed.
 */
export const moderationDecisions = pgTable(
  "moderation_decisions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    answerId: integer("answer_id")
      .notNull()
      .unique()
      .references(() => answers.id, { onDelete: "cascade" }),
    decision: text("decision", { enum: MODERATION_DECISIONS }).notNull(),
    outcomeId: integer("outcome_id").references(() => candidateOutcomes.id, { onDelete: "set null" }),
    reason: text("reason"),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
  },
  (t) => [index("moderation_consultation").on(t.consultationId)],
);

/** A free-text answer an officer approved for publication as a quote (trimmed or redacted; never with who said it). */
export const approvedQuotes = pgTable(
  "approved_quotes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    answerId: integer("answer_id")
      .notNull()
      .unique()
      .references(() => answers.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    approvedBy: integer("approved_by").references(() => users.id, { onDelete: "set null" }),
    approvedAt: timestamp("approved_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [index("quotes_consultation").on(t.consultationId)],
);

/** The codebook: themes per consultation, and which answers carry them (several per answer). */
export const codebookThemes = pgTable(
  "codebook_themes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("themes_consultation_name").on(t.consultationId, t.name)],
);

export const answerThemes = pgTable(
  "answer_themes",
  {
    answerId: integer("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => codebookThemes.id, { onDelete: "cascade" }),
    taggedBy: integer("tagged_by").references(() => users.id, { onDelete: "set null" }),
    taggedAt: timestamp("tagged_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.themeId] }), index("answer_themes_theme").on(t.themeId)],
);

// ── Theming citizens' free text ──────────────────────────────────
/**
 * A background run of the themes engine (app/domain/themes) over one question's free-text or
 * proposed-outcome answers: `suggest` clusters without a codebook, `assign` scores every answer
 * against the consultation's codebook. Queued by a request, claimed by the one background worker
 * (whichever server process runs it), executed off the request path in a worker thread, progress
 * written as it goes. `heartbeatAt` lets a run whose process died be re-queued.
 */
export const themeRuns = pgTable(
  "theme_runs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: THEME_RUN_KINDS }).notNull(),
    status: text("status", { enum: THEME_RUN_STATES }).notNull().default("queued"),
    /** What the run is doing now, a message key (e.g. "features", "choosing-k", "clustering", "saving"). */
    phase: text("phase").notNull().default(""),
    processed: integer("processed").notNull().default(0),
    total: integer("total").notNull().default(0),
    /** Engine parameters asked for (k, seed, answer ids for a split) and, when done, those used (method, silhouette). */
    parameters: jsonb("parameters").$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb("result").$type<Record<string, unknown>>(),
    error: text("error"),
    requestedBy: integer("requested_by").references(() => users.id, { onDelete: "set null" }),
    requestedAt: timestamp("requested_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
    startedAt: timestamp("started_at", { withTimezone: true, precision: 3, mode: "date" }),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true, precision: 3, mode: "date" }),
    finishedAt: timestamp("finished_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [index("theme_runs_question").on(t.consultationId, t.questionId, t.id), index("theme_runs_status").on(t.status)],
);

/** A theme the engine suggested (a `suggest` run), and what the officer decided about it. */
export const themeSuggestions = pgTable(
  "theme_suggestions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    runId: integer("run_id")
      .notNull()
      .references(() => themeRuns.id, { onDelete: "cascade" }),
    /** The engine's id within the run ("t1", "t2", … by decreasing size). */
    key: text("key").notNull(),
    label: text("label").notNull(),
    keywords: jsonb("keywords").$type<string[]>().notNull(),
    size: integer("size").notNull(),
    /** Answer ids nearest the centroid, best first. */
    exemplarAnswerIds: jsonb("exemplar_answer_ids").$type<number[]>().notNull(),
    /** Answer ids whose best suggested theme this is. */
    memberAnswerIds: jsonb("member_answer_ids").$type<number[]>().notNull(),
    status: text("status", { enum: THEME_SUGGESTION_STATES }).notNull().default("open"),
    /** The codebook theme it became (accepted) or joined (merged). */
    themeId: integer("theme_id").references(() => codebookThemes.id, { onDelete: "set null" }),
    decidedBy: integer("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [uniqueIndex("theme_suggestions_run_key").on(t.runId, t.key)],
);

/**
 * The machine's codings: the latest `assign` run's themes for each answer, with confidence 0–1
 * and rank (1 = most confident). A person's codings stay in `answer_themes`; this table is
 * replaced per answer by each new run, and kept beside the person's for measuring agreement.
 */
export const machineCodings = pgTable(
  "machine_codings",
  {
    answerId: integer("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    themeId: integer("theme_id")
      .notNull()
      .references(() => codebookThemes.id, { onDelete: "cascade" }),
    runId: integer("run_id")
      .notNull()
      .references(() => themeRuns.id, { onDelete: "cascade" }),
    confidence: doublePrecision("confidence").notNull(),
    rank: integer("rank").notNull(),
    codedAt: timestamp("coded_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.answerId, t.themeId] }), index("machine_codings_theme").on(t.themeId), index("machine_codings_run").on(t.runId)],
);

/**
 * An answer a person has reviewed in the codebook (review queue or moderation): its themes are
 * then the person's rows in `answer_themes` (none is a valid answer: "no real content").
 */
export const codingReviews = pgTable("coding_reviews", {
  answerId: integer("answer_id")
    .primaryKey()
    .references(() => answers.id, { onDelete: "cascade" }),
  reviewedBy: integer("reviewed_by").references(() => users.id, { onDelete: "set null" }),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
});

/**
 * A second, blind coding of a random sample of one question's answers by another officer, to
 * measure agreement between people (Cohen's κ, Krippendorff's α) and of the machine against them.
 */
export const agreementSamples = pgTable(
  "agreement_samples",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    consultationId: integer("consultation_id")
      .notNull()
      .references(() => consultations.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => questions.id, { onDelete: "cascade" }),
    coderId: integer("coder_id").references(() => users.id, { onDelete: "set null" }),
    seed: bigint("seed", { mode: "number" }).notNull(),
    size: integer("size").notNull(),
    createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("agreement_samples_question").on(t.consultationId, t.questionId)],
);

export const agreementSampleItems = pgTable(
  "agreement_sample_items",
  {
    sampleId: integer("sample_id")
      .notNull()
      .references(() => agreementSamples.id, { onDelete: "cascade" }),
    answerId: integer("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** The second coder's themes (codebook ids; empty = none), null until coded. */
    themeIds: jsonb("theme_ids").$type<number[]>(),
    codedAt: timestamp("coded_at", { withTimezone: true, precision: 3, mode: "date" }),
  },
  (t) => [primaryKey({ columns: [t.sampleId, t.answerId] }), index("agreement_sample_items_position").on(t.sampleId, t.position)],
);

/**
 * Where a candidate outcome came from, when an officer wrote it from a codebook theme: the
 * theme (and its name then), how many answers carried it, and the approved quotes chosen to
 * show with it. The framework, trace page and published summary show these citizens' words.
 */
export const outcomeProvenance = pgTable("outcome_provenance", {
  outcomeId: integer("outcome_id")
    .primaryKey()
    .references(() => candidateOutcomes.id, { onDelete: "cascade" }),
  themeId: integer("theme_id").references(() => codebookThemes.id, { onDelete: "set null" }),
  themeName: text("theme_name").notNull(),
  questionId: integer("question_id").references(() => questions.id, { onDelete: "set null" }),
  answerCount: integer("answer_count").notNull(),
  quoteIds: jsonb("quote_ids").$type<number[]>().notNull(),
  createdBy: integer("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
});

// ── Journey content version ───────────────────────────────────────────────────
/**
 * One row whose version triggers (migration 0010) bump in the same transaction as any change to
 * what a journey page is built from: consultations and their text, partnerships' names,
 * surveys, rounds, questions and their text, candidate outcomes' text. The citizen journey
 * caches that structure per consultation and language, and rebuilds it when the version moves.
 */
export const contentVersion = pgTable("content_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});

// ── Staff previews ────────────────────────────────────────────────────────────
/**
 * Answers a member of staff gives while previewing a consultation's journey: never drafts or
 * responses, never counted. Kept here rather than in process memory so a preview survives a
 * restart and works whichever server process answers (decision 0017). Dropped after 6 hours.
 */
export const previewSessions = pgTable("preview_sessions", {
  key: text("key").primaryKey(),
  answers: jsonb("answers").$type<Record<string, unknown>>().notNull(),
  roundNumber: integer("round_number"),
  reference: text("reference"),
  touchedAt: timestamp("touched_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
});

// ── Rate limits shared between server processes ──────────────────────────────
/** Fixed-window counters, one row per limited key (decision 0017); expired rows are swept. */
export const rateLimitHits = pgTable("rate_limit_hits", {
  key: text("key").primaryKey(),
  count: integer("count").notNull(),
  resetAt: bigint("reset_at", { mode: "number" }).notNull(),
});

// ── Periodic background work shared between servers ──────────────────────────
/** When each periodic job last started; the conditional update decides which server runs it. */
export const periodicRuns = pgTable("periodic_runs", {
  name: text("name").primaryKey(),
  lastRunAt: timestamp("last_run_at", { withTimezone: true, precision: 3, mode: "date" }).notNull(),
});

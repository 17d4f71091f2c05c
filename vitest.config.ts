import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import { postgresBinDir } from "./test/helpers/postgres";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

/**
 * The suites that run a second time on PostgreSQL (`postgres` project, TEST_DATABASE=postgres):
 * the HTTP integration files whose fixtures and checks go through test/helpers/test-database.ts
 * (so work on either database), and the PostgreSQL-only files. The rest stay on SQLite only, to
 * keep `npm test` inside its time; README "Tests" lists the choice.
 */
const ON_POSTGRES = [
  "test/integration/authz-matrix.test.ts",
  "test/integration/connections.test.ts",
  "test/integration/outcomes.test.ts",
  "test/integration/rate-limit.test.ts",
  "test/integration/router-patch.test.ts",
  "test/integration/security.test.ts",
  "test/integration/sign-in-limits.test.ts",
  "test/integration/journey.test.ts",
  "test/integration/two-servers.test.ts",
  "test/integration/results.test.ts",
  "test/integration/publication.test.ts",
  "test/integration/consultations.test.ts",
  "test/integration/reweight.test.ts",
  "test/integration/response-import.test.ts",
  "test/integration/study-rounds.test.ts",
  "test/integration/survey-builder.test.ts",
  "test/integration/outcome-forms.test.ts",
  "test/integration/outcome-sets.test.ts",
  "test/integration/receipt-privacy.test.ts",
  "test/integration/inclusion.test.ts",
  "test/integration/readiness.test.ts",
  "test/integration/malformed-requests.test.ts",
  "test/integration/sso.test.ts",
  "test/integration/auth-and-roles.test.ts",
  "test/integration/round-invitations.test.ts",
  "test/integration/advisory-groups.test.ts",
  "test/integration/privacy.test.ts",
  "test/integration/moderation.test.ts",
  "test/integration/outcome-sets-db.test.ts",
  "test/integration/theme-groups.test.ts",
  "test/integration/theme-review.test.ts",
  "test/integration/themes-flow.test.ts",
  "test/integration/email-outbox.test.ts",
  "test/integration/hostile-input.test.ts",
];

// `TEST_DATABASE=postgres npx vitest run test/integration/x.test.ts` runs any integration file on
// PostgreSQL (and not also on SQLite): for porting a suite, before it joins ON_POSTGRES.
const anyOnPostgres = process.env.TEST_DATABASE === "postgres";

// Where PostgreSQL is not installed (and cannot be: no apt-get as root), the project is left
// out with the reason said; on CI it must run, so there its absence fails the run.
const postgresMissing = postgresBinDir() ? null : "PostgreSQL is not installed (no initdb/pg_ctl found; .ci/run installs Debian's postgresql)";
if (postgresMissing && process.env.CI) throw new Error(`${postgresMissing}: on CI the PostgreSQL suites must run`);
if (postgresMissing) console.warn(`Skipping the postgres project: ${postgresMissing}`);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: [
            "app/**/*.test.ts",
            "app/**/*.test.tsx",
            "db/**/*.test.ts",
            "server/**/*.test.ts",
            ...(anyOnPostgres ? [] : ["test/integration/**/*.test.ts"]),
          ],
          environment: "node",
          testTimeout: 30_000,
          // Integration files start the production server in beforeAll: under a full parallel run on 2 cores that can take well over 10 s.
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      ...(postgresMissing
        ? []
        : [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: anyOnPostgres ? ["test/integration/**/*.test.ts"] : ON_POSTGRES,
                environment: "node",
                globalSetup: ["test/helpers/postgres-global.ts"],
                setupFiles: ["test/helpers/postgres-setup.ts"],
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]),
    ],
  },
});

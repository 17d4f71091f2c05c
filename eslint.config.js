// ESLint (flat config): the layering rules the architecture depends on, hooks and accessibility
// rules for the components, on TypeScript sources. Run by `npm run lint` (part of `npm test`).
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** What app/domain may import besides itself: pure packages only (app/architecture.test.ts checks the same, precisely). */
const DOMAIN_PACKAGES = ["zod", "stopword", "porter2"];

export default tseslint.config(
  { ignores: ["build/**", "public/**", "node_modules/**", ".cache/**", "coverage/**", "data/**"] },
  {
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "test/**/*.ts", "server/**/*.js", "server.js", "scripts/**/*.js"],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { "@typescript-eslint": tseslint.plugin, react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18" } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // Scrollable regions (wide tables, charts) take focus so keyboard users can scroll them (WCAG 2.1.1).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
      "react-hooks/rules-of-hooks": "error",
      "react/jsx-key": "error",
      "react/jsx-no-target-blank": "error",
      "react/no-danger-with-children": "error",
      "react/jsx-no-duplicate-props": "error",
      "no-debugger": "error",
      "no-control-regex": "error",
      "no-dupe-keys": "error",
      "no-unreachable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { args: "none", ignoreRestSiblings: true, caughtErrors: "none", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Routes reach data through services: no repositories, schema, tables or drizzle.
    files: ["app/routes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "drizzle-orm", message: "Routes call services; queries live in app/repos." }],
          patterns: [
            { group: ["**/repos/*", "~/repos/*"], message: "Routes call services, not repositories." },
            { group: ["**/db/*", "!**/db.server"], message: "Routes call services; the schema and tables are for app/repos." },
            { group: ["drizzle-orm/*"], message: "Routes call services; queries live in app/repos." },
            {
              group: ["**/db.server"],
              importNames: ["getDb", "openDatabase", "openPostgres", "inTransaction"],
              message: "Routes take the database from the load context (args.context.db) and hand it to services; transactions begin in services.",
            },
          ],
        },
      ],
    },
  },
  {
    // The domain is pure: nothing outside app/domain but a few pure packages.
    files: ["app/domain/**/*.ts"],
    ignores: ["app/domain/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: `^(?!\\.|(${DOMAIN_PACKAGES.join("|")})$)`, message: `app/domain imports only app/domain and ${DOMAIN_PACKAGES.join(", ")}.` },
            { group: ["../../*", "!../../domain/*"], message: "app/domain imports nothing outside app/domain." },
          ],
        },
      ],
    },
  },
);

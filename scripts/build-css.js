// Compiles app/styles/app.scss (govuk-frontend rebranded) to public/styles/app.css
// and copies govuk-frontend's images/manifest to public/govuk/assets.
import * as sass from "sass";
import { mkdirSync, writeFileSync, cpSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const result = sass.compile(path.join(root, "app/styles/app.scss"), {
  loadPaths: [path.join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
mkdirSync(path.join(root, "public/styles"), { recursive: true });
writeFileSync(path.join(root, "public/styles/app.css"), result.css);
cpSync(
  path.join(root, "node_modules/govuk-frontend/dist/govuk/assets/images"),
  path.join(root, "public/govuk/assets/images"),
  { recursive: true },
);
console.error(`built public/styles/app.css (${result.css.length} bytes)`);

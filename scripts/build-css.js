// Compiles app/styles/app.scss (govuk-frontend rebranded) to public/styles/app.css
// and copies govuk-frontend's images/manifest to public/govuk/assets.
import * as sass from "sass";
import { mkdirSync, writeFileSync, cpSync, readFileSync } from "node:fs";
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
cpSync(path.join(root, "node_modules/govuk-frontend/dist/govuk/assets/images"), path.join(root, "public/govuk/assets/images"), { recursive: true });
// Urdu's font (Noto Nastaliq Urdu, SIL Open Font License 1.1): served from /fonts, no CDN.
mkdirSync(path.join(root, "public/fonts"), { recursive: true });
for (const weight of [400, 700]) {
  const file = `noto-nastaliq-urdu-arabic-${weight}-normal.woff2`;
  cpSync(path.join(root, "node_modules/@fontsource/noto-nastaliq-urdu/files", file), path.join(root, "public/fonts", file));
}
cpSync(path.join(root, "node_modules/@fontsource/noto-nastaliq-urdu/LICENSE"), path.join(root, "public/fonts/OFL.txt"));
// Easy Read's default pictures: OpenMoji (CC BY-SA 4.0), one per point (decision 0021).
const pictures = JSON.parse(readFileSync(path.join(root, "app/domain/publication/easy-read-pictures.json"), "utf8"));
mkdirSync(path.join(root, "public/easy-read"), { recursive: true });
for (const [point, { openmoji }] of Object.entries(pictures.points)) {
  cpSync(path.join(root, "node_modules/openmoji/color/svg", `${openmoji}.svg`), path.join(root, "public/easy-read", `${point}.svg`));
}
console.error(`built public/styles/app.css (${result.css.length} bytes)`);

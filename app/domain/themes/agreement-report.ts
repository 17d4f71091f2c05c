/**
 * The `agreement` command's document (README "Themes"; docs/schemas/agreement-output.schema.json).
 * Each coder's code for an answer is the set of themes they gave it; an answer a coder has no row
 * for is missing for that coder. `alpha` is Krippendorff's nominal α with each set as one category
 * (two coders agree on an answer only when they gave it exactly the same themes); `alphaByTheme`
 * is α for each theme's presence or absence over the answers each coder coded; `kappa` is Cohen's
 * κ on the same set categories over the answers both coded, only with exactly two coders; `f1`,
 * when a coder is named `machine`, is its per-theme and macro F1 against each other coder on
 * the answers both coded.
 */
import { cohenKappa, f1Agreement, krippendorffAlphaNominal, type ThemeScore } from "./agreement";

export interface AgreementDocument {
  method: { name: "agreement"; version: string; parameters: { seed: number; resamples: number } };
  coders: string[];
  units: number;
  themes: string[];
  alpha: number | null;
  alphaByTheme: { theme: string; alpha: number | null }[];
  kappa: number | null;
  f1: Record<string, { units: number; macro: number | null; ci95: [number | null, number | null]; byTheme: ThemeScore[] }> | null;
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function agreementDocument(
  rows: readonly { respondentId: string; coder: string; theme: string }[],
  options: { seed?: number; resamples?: number } = {},
): AgreementDocument {
  const seed = options.seed ?? 1;
  const resamples = options.resamples ?? 1000;
  const coders = [...new Set(rows.map((r) => r.coder))].sort();
  const units = [...new Set(rows.map((r) => r.respondentId))];
  const themes = [...new Set(rows.map((r) => r.theme))].sort();
  const codes = new Map<string, Map<string, Set<string>>>(); // unit → coder → themes
  for (const r of rows) {
    const u = codes.get(r.respondentId) ?? new Map<string, Set<string>>();
    const s = u.get(r.coder) ?? new Set<string>();
    s.add(r.theme);
    u.set(r.coder, s);
    codes.set(r.respondentId, u);
  }
  const key = (s: Set<string>) => [...s].sort().join("+");
  const alpha = krippendorffAlphaNominal(units.map((u) => [...codes.get(u)!.values()].map(key))).alpha;
  const alphaByTheme = themes.map((t) => ({
    theme: t,
    alpha: finite(krippendorffAlphaNominal(units.map((u) => [...codes.get(u)!.values()].map((s) => (s.has(t) ? "1" : "0")))).alpha),
  }));
  let kappa: number | null = null;
  if (coders.length === 2) {
    const both = units.filter((u) => codes.get(u)!.size === 2);
    kappa = finite(
      cohenKappa(
        both.map((u) => key(codes.get(u)!.get(coders[0])!)),
        both.map((u) => key(codes.get(u)!.get(coders[1])!)),
      ).kappa,
    );
  }
  let f1: AgreementDocument["f1"] = null;
  if (coders.includes("machine")) {
    f1 = {};
    for (const other of coders.filter((c) => c !== "machine")) {
      const both = units.filter((u) => codes.get(u)!.has("machine") && codes.get(u)!.has(other));
      const r = f1Agreement(
        both.map((u) => [...codes.get(u)!.get("machine")!]),
        both.map((u) => [...codes.get(u)!.get(other)!]),
        { seed, resamples, themes },
      );
      f1[other] = {
        units: both.length,
        macro: finite(r.macro),
        ci95: [finite(r.ci95[0]), finite(r.ci95[1])],
        byTheme: r.byTheme.map((t) => ({ ...t, f1: finite(t.f1) as number, ci95: { f1: [finite(t.ci95.f1[0]) as number, finite(t.ci95.f1[1]) as number] } })),
      };
    }
  }
  return {
    method: { name: "agreement", version: "1.0.0", parameters: { seed, resamples } },
    coders,
    units: units.length,
    themes,
    alpha: finite(alpha),
    alphaByTheme,
    kappa,
    f1,
  };
}

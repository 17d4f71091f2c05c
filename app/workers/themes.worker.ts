/**
 * Runs the themes engine off the server's event loop (a worker thread started by
 * app/services/theme-runs.server.ts): suggestions without a codebook, or codebook-guided
 * assignment. It receives only answer ids and texts (never who wrote them), reports progress,
 * and posts the engine's result back.
 */
import { parentPort, workerData } from "node:worker_threads";
import { assignThemes, suggestThemes, type Language } from "../domain/themes";

export interface ThemesJob {
  kind: "suggest" | "assign";
  answers: { id: string; text: string }[];
  language: Language;
  seed: number;
  k?: number;
  codebook?: { id: string; label: string; description: string }[];
  codings?: { respondentId: string; theme: string }[];
}

export type ThemesMessage =
  | { type: "progress"; phase: string; done: number; total: number }
  | { type: "suggested"; result: ReturnType<typeof suggestThemes> }
  | { type: "assigned"; result: ReturnType<typeof assignThemes> }
  | { type: "failed"; error: string };

const job = workerData as ThemesJob;
const post = (m: ThemesMessage) => parentPort!.postMessage(m);
try {
  if (job.kind === "suggest") {
    const result = suggestThemes(job.answers, {
      k: job.k,
      seed: job.seed,
      language: job.language,
      onProgress: (phase, done, total) => post({ type: "progress", phase, done, total }),
    });
    post({ type: "suggested", result });
  } else {
    post({ type: "progress", phase: "scoring", done: 0, total: job.answers.length });
    const result = assignThemes(job.answers, job.codebook ?? [], job.codings ?? [], { seed: job.seed, language: job.language });
    post({ type: "assigned", result });
  }
} catch (error) {
  post({ type: "failed", error: error instanceof Error ? error.message : String(error) });
}

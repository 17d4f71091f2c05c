/**
 * The background runner of the themes engine. Requests only queue runs (`theme_runs`); this
 * loop, started once per installation from `startBackgroundWork` (one process even with
 * WEB_CONCURRENCY>1), claims them one at a time and runs the engine in a worker thread so no
 * request waits on it. Progress and a heartbeat are written as it goes; a run whose process
 * died (no heartbeat for two minutes) is queued again.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { type DB, inTransaction } from "../db.server";
import type { Language } from "../domain/themes";
import { listThemes } from "../repos/moderation.server";
import {
  claimThemeRun,
  insertThemeSuggestions,
  personCodingsFor,
  replaceMachineCodings,
  requeueStaleThemeRuns,
  themableAnswers,
  themeRunsWaiting,
  updateThemeRun,
  type ThemeRun,
} from "../repos/themes.server";
import type { ThemesJob, ThemesMessage } from "../workers/themes.worker";
import { errorFields, logger } from "../ops/log.server";

const STALE_MS = 120_000;
/** The worker's entry (registers the TypeScript loader in the thread); resolved from the app's root. */
const WORKER_ENTRY = path.resolve(process.env.THEMES_WORKER_ENTRY ?? "app/workers/themes-worker-entry.mjs");

export interface ThemeRunner {
  stop(): Promise<void>;
  /** Runs queued work now (tests); resolves when the queue is empty. */
  drain(): Promise<void>;
}

export function startThemeRunner(getDb: () => DB, options: { intervalMs?: number } = {}): ThemeRunner {
  let busy: Promise<void> | null = null;
  let stopped = false;
  let current: Worker | null = null;
  const work = async () => {
    try {
      const db = getDb();
      const staleBefore = new Date(Date.now() - STALE_MS);
      if (!(await themeRunsWaiting(db, staleBefore))) return;
      await requeueStaleThemeRuns(db, staleBefore);
      for (let run = await claimThemeRun(db, new Date()); run && !stopped; run = await claimThemeRun(db, new Date()))
        await execute(db, run, (w) => (current = w));
    } catch (error) {
      logger.error(errorFields(error), "theme runner failed");
    }
  };
  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // One pass at a time; `busy` is cleared only after it was set (the `.then` callback runs in a
    // later microtask, even for a pass with nothing to do).
    busy ??= work().then(() => {
      busy = null;
    });
    return busy;
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000);
  timer.unref();
  void tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      // A run cut short stays "running" and is picked up again after its heartbeat goes stale.
      await current?.terminate();
    },
    async drain() {
      await tick();
    },
  };
}

function languageOf(locales: string[]): Language {
  const cy = locales.filter((l) => l === "cy").length;
  return cy > locales.length / 2 ? "cy" : "en";
}

/** Runs one claimed run to its end (done or failed). */
export async function execute(db: DB, run: ThemeRun, onWorker: (w: Worker | null) => void = () => {}): Promise<void> {
  const params = run.parameters as { k?: number; seed?: number; answerIds?: number[]; splitOf?: number };
  const seed = Number.isInteger(params.seed) ? Number(params.seed) : 1;
  const answers = await themableAnswers(db, run.consultationId, run.questionId, params.answerIds);
  const language = languageOf(answers.map((a) => a.locale));
  const job: ThemesJob = { kind: run.kind, answers: answers.map((a) => ({ id: String(a.answerId), text: a.text })), language, seed, k: params.k };
  const codebook = run.kind === "assign" ? await listThemes(db, run.consultationId) : [];
  if (run.kind === "assign") {
    job.codebook = codebook.map((t) => ({ id: String(t.id), label: t.name, description: t.description }));
    const person = await personCodingsFor(
      db,
      answers.map((a) => a.answerId),
    );
    job.codings = [...person.entries()].flatMap(([answerId, c]) => c.themeIds.map((themeId) => ({ respondentId: String(answerId), theme: String(themeId) })));
  }
  await updateThemeRun(db, run.id, { total: answers.length, processed: 0, phase: "starting", heartbeatAt: new Date() });
  const finish = (set: Parameters<typeof updateThemeRun>[2]) => updateThemeRun(db, run.id, { ...set, finishedAt: new Date(), heartbeatAt: new Date() });
  if (answers.length === 0 || (run.kind === "assign" && codebook.length === 0)) {
    if (run.kind === "assign")
      await replaceMachineCodings(
        db,
        run.id,
        answers.map((a) => ({ answerId: a.answerId, themes: [] })),
        new Date(),
      );
    await finish({ status: "done", phase: "done", result: { answers: answers.length, themes: 0 } });
    return;
  }
  const started = Date.now();
  let lastWrite = 0;
  // Progress writes, one after another, all finished before the run's outcome is written; the
  // first that fails is thrown once the engine has stopped.
  let progress: Promise<void> = Promise.resolve();
  let progressFailed: { error: unknown } | null = null;
  const message = await new Promise<ThemesMessage>((resolve) => {
    const worker = new Worker(WORKER_ENTRY, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    onWorker(worker);
    let settled = false;
    const settle = (m: ThemesMessage) => {
      if (settled) return;
      settled = true;
      onWorker(null);
      resolve(m);
    };
    worker.on("message", (m: ThemesMessage) => {
      if (m.type !== "progress") return settle(m);
      const now = Date.now();
      if (now - lastWrite < 250) return;
      lastWrite = now;
      const processed =
        m.phase === "choosing-k" && m.total > 0
          ? Math.round((answers.length * m.done) / m.total)
          : m.phase === "features"
            ? Math.round(m.done / 2)
            : m.phase === "labelling"
              ? answers.length
              : m.done;
      const heartbeatAt = new Date();
      progress = progress
        .then(() => updateThemeRun(db, run.id, { phase: m.phase, processed, heartbeatAt }))
        .catch((error: unknown) => {
          progressFailed ??= { error };
        });
    });
    worker.on("error", (e) => settle({ type: "failed", error: e.message }));
    worker.on("exit", (code) => settle({ type: "failed", error: `the engine stopped (exit ${code})` }));
  });
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  await progress;
  if (progressFailed) throw (progressFailed as { error: unknown }).error;
  if (message.type === "failed" || message.type === "progress") {
    logger.error({ run: run.id, error: message.type === "failed" ? message.error : "no result" }, "theme run failed");
    await finish({ status: "failed", phase: "failed", error: message.type === "failed" ? message.error.slice(0, 300) : "no result" });
    return;
  }
  const now = new Date();
  if (message.type === "suggested") {
    const r = message.result;
    const members = new Map<string, number[]>();
    for (const a of r.assignments) {
      const top = a.themes[0]?.id;
      if (top) members.set(top, [...(members.get(top) ?? []), Number(a.respondentId)]);
    }
    await inTransaction(db, async (t) => {
      await insertThemeSuggestions(
        t,
        r.themes.map((th) => ({
          runId: run.id,
          key: th.id,
          label: th.label,
          keywords: th.keywords,
          size: th.size,
          exemplarAnswerIds: th.exemplars.map(Number),
          memberAnswerIds: members.get(th.id) ?? [],
        })),
      );
      await updateThemeRun(t, run.id, {
        status: "done",
        phase: "done",
        processed: answers.length,
        finishedAt: now,
        heartbeatAt: now,
        result: {
          method: "tfidf-lsa-kmeans-silhouette",
          k: r.k,
          silhouette: Number.isFinite(r.silhouette) ? r.silhouette : null,
          parameters: r.parameters,
          seconds,
        },
      });
    });
    return;
  }
  const r = message.result;
  const known = new Set(codebook.map((t) => String(t.id)));
  const person = new Set(job.codings?.map((c) => c.respondentId));
  const rows = answers.map((a, i) => {
    const assignment = r.assignments[i];
    // A person's confirmed answer comes back as theirs (confidence 1): the machine's own opinion of it is not stored.
    const themes = person.has(String(a.answerId))
      ? []
      : (assignment?.themes ?? []).filter((t) => known.has(t.id)).map((t) => ({ themeId: Number(t.id), confidence: t.confidence }));
    return { answerId: a.answerId, themes };
  });
  await inTransaction(db, async (t) => {
    await replaceMachineCodings(t, run.id, rows, now);
    await updateThemeRun(t, run.id, {
      status: "done",
      phase: "done",
      processed: answers.length,
      finishedAt: now,
      heartbeatAt: now,
      result: { method: "tfidf-nearest-centroid", themes: codebook.length, coded: rows.filter((x) => x.themes.length).length, confirmed: person.size, seconds },
    });
  });
}

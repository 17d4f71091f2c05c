/**
 * What every journey page is built from, apart from the participant: the consultation and its
 * text, its rounds, a round's questions, the briefing's sections. Read once per consultation,
 * language and content version, and shared (frozen) by the requests that follow.
 *
 * The version is one row that database triggers move in the same transaction as any change to
 * the tables this is read from (migration 0010), whoever writes: this process, another process
 * or the command line. Each page reads it (one indexed row), so an officer's edit is seen by
 * the very next page. Cached per database connection, so tests with their own databases never
 * share entries.
 */
import { splitBriefing, type BriefingSection } from "../domain/markdown";
import type { JourneyQuestion } from "../domain/survey/journey";
import type { DB } from "../db.server";
import * as repo from "../repos/journey.server";

export interface RoundQuestions {
  questions: readonly repo.JourneyQuestionRow[];
  journeyQuestions: readonly JourneyQuestion[];
}

export interface JourneyContent {
  consultation: repo.JourneyConsultation;
  rounds: readonly repo.JourneyRound[];
  sections: readonly BriefingSection[];
  questionsOf(roundId: number): Promise<RoundQuestions>;
}

/** One database's entries, all read at `version`; a new version starts an empty map. */
interface Cache {
  version: number;
  entries: Map<string, JourneyContent | null>;
}

const MAX_ENTRIES = 500;
const caches = new WeakMap<DB, Cache>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !(value instanceof Date)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function toJourneyQuestion(q: repo.JourneyQuestionRow): JourneyQuestion {
  return { id: q.id, type: q.type, required: q.required, config: q.config, conditionQuestionId: q.conditionQuestionId, conditionValue: q.conditionValue };
}

async function read(db: DB, slug: string, locale: string): Promise<JourneyContent | null> {
  const consultation = await repo.findJourneyConsultation(db, slug, locale);
  if (!consultation) return null;
  const rounds = await repo.listRounds(db, consultation.id);
  const byRound = new Map<number, RoundQuestions>();
  return deepFreeze({
    consultation,
    rounds,
    sections: splitBriefing(consultation.briefing.value),
    async questionsOf(roundId: number): Promise<RoundQuestions> {
      let found = byRound.get(roundId);
      if (!found) {
        const questions = await repo.listQuestions(db, roundId, locale);
        found = deepFreeze({ questions, journeyQuestions: questions.map(toJourneyQuestion) });
        byRound.set(roundId, found);
      }
      return found;
    },
  });
}

/** The journey's content for `slug` in `locale`, or null when no such consultation exists. */
export async function journeyContent(db: DB, slug: string, locale: string): Promise<JourneyContent | null> {
  const version = await repo.contentVersion(db);
  // Without the version row nothing could tell a cached entry is stale: read every time.
  if (version === null) return await read(db, slug, locale);
  let cache = caches.get(db);
  if (!cache || cache.version !== version || cache.entries.size >= MAX_ENTRIES) {
    cache = { version, entries: new Map() };
    caches.set(db, cache);
  }
  const key = `${slug}\u0000${locale}`;
  if (cache.entries.has(key)) return cache.entries.get(key) as JourneyContent | null;
  const content = await read(db, slug, locale);
  cache.entries.set(key, content);
  return content;
}

import { describe, expect, it } from "vitest";
import {
  canAcceptAnswers,
  checkConsultationTransition,
  checkQuestionsEditable,
  checkRoundTransition,
  CONSULTATION_STATUSES,
  roundsToCloseWithConsultation,
  roundToOpenWithConsultation,
  type ConsultationFacts,
  type ConsultationStatus,
  type RoundFacts,
} from "./lifecycle";

const now = new Date("2026-11-25T10:00:00Z");
const later = new Date("2027-01-29T23:59:00Z");
const earlier = new Date("2026-11-01T00:00:00Z");

const ready: ConsultationFacts = {
  status: "draft",
  hasEnglishTitle: true,
  opensAt: earlier,
  closesAt: later,
  rounds: [{ number: 1, status: "draft", questionCount: 3 }],
};

describe("consultation transitions", () => {
  it("allows only draft → open → closed → published, re-opening and withdrawing", () => {
    const allowed: Array<[ConsultationStatus, ConsultationStatus]> = [
      ["draft", "open"],
      ["open", "closed"],
      ["closed", "open"],
      ["closed", "published"],
      ["published", "closed"],
    ];
    for (const from of CONSULTATION_STATUSES) {
      for (const to of CONSULTATION_STATUSES) {
        const result = checkConsultationTransition({ ...ready, status: from }, to, now);
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect(result.ok, `${from} → ${to}`).toBe(expected);
        if (!expected) expect(result).toEqual({ ok: false, reason: "not-allowed" });
      }
    }
  });

  it("opens only with an English title, a round with questions and sensible dates", () => {
    expect(checkConsultationTransition({ ...ready, hasEnglishTitle: false }, "open", now)).toEqual({ ok: false, reason: "no-english-title" });
    expect(checkConsultationTransition({ ...ready, rounds: [] }, "open", now)).toEqual({ ok: false, reason: "no-open-round" });
    expect(checkConsultationTransition({ ...ready, rounds: [{ number: 1, status: "draft", questionCount: 0 }] }, "open", now)).toEqual({
      ok: false,
      reason: "no-open-round",
    });
    expect(checkConsultationTransition({ ...ready, closesAt: earlier, opensAt: null }, "open", now)).toEqual({ ok: false, reason: "closes-in-past" });
    expect(checkConsultationTransition({ ...ready, opensAt: later, closesAt: later }, "open", now)).toEqual({ ok: false, reason: "closes-before-opens" });
    expect(checkConsultationTransition({ ...ready, opensAt: null, closesAt: null }, "open", now)).toEqual({ ok: true });
  });

  it("closing is always possible from open, whatever the dates", () => {
    expect(checkConsultationTransition({ ...ready, status: "open", closesAt: earlier, hasEnglishTitle: false }, "closed", now)).toEqual({ ok: true });
  });
});

describe("round transitions", () => {
  const r = (number: number, status: RoundFacts["status"], questionCount = 2): RoundFacts => ({ number, status, questionCount });

  it("opens a round only while the consultation is open, with questions, one at a time, in order", () => {
    expect(checkRoundTransition("draft", r(1, "draft"), [r(1, "draft")], "open")).toEqual({ ok: false, reason: "consultation-not-open" });
    expect(checkRoundTransition("closed", r(1, "draft"), [r(1, "draft")], "open")).toEqual({ ok: false, reason: "consultation-not-open" });
    expect(checkRoundTransition("open", r(1, "draft", 0), [r(1, "draft", 0)], "open")).toEqual({ ok: false, reason: "no-questions" });
    expect(checkRoundTransition("open", r(2, "draft"), [r(1, "open"), r(2, "draft")], "open")).toEqual({ ok: false, reason: "another-round-open" });
    expect(checkRoundTransition("open", r(2, "draft"), [r(1, "draft"), r(2, "draft")], "open")).toEqual({ ok: false, reason: "earlier-round-not-closed" });
    expect(checkRoundTransition("open", r(2, "draft"), [r(1, "closed"), r(2, "draft")], "open")).toEqual({ ok: true });
    expect(checkRoundTransition("open", r(1, "draft"), [r(1, "draft")], "open")).toEqual({ ok: true });
  });

  it("re-opens only the latest round; never goes back to draft", () => {
    expect(checkRoundTransition("open", r(1, "closed"), [r(1, "closed"), r(2, "draft")], "open")).toEqual({ ok: false, reason: "later-round-exists" });
    expect(checkRoundTransition("open", r(2, "closed"), [r(1, "closed"), r(2, "closed")], "open")).toEqual({ ok: true });
    expect(checkRoundTransition("open", r(1, "open"), [r(1, "open")], "draft")).toEqual({ ok: false, reason: "not-allowed" });
    expect(checkRoundTransition("open", r(1, "closed"), [r(1, "closed")], "draft")).toEqual({ ok: false, reason: "not-allowed" });
    expect(checkRoundTransition("closed", r(1, "open"), [r(1, "open")], "closed")).toEqual({ ok: true });
  });

  it("opens the first ready draft round with the consultation and closes open rounds with it", () => {
    expect(roundToOpenWithConsultation([r(1, "draft")])).toBe(1);
    expect(roundToOpenWithConsultation([r(1, "draft", 0)])).toBeNull();
    expect(roundToOpenWithConsultation([r(1, "closed"), r(2, "draft")])).toBe(2);
    expect(roundToOpenWithConsultation([r(1, "open"), r(2, "draft")])).toBeNull();
    expect(roundToOpenWithConsultation([])).toBeNull();
    expect(roundsToCloseWithConsultation([r(1, "closed"), r(2, "open")])).toEqual([2]);
  });
});

describe("questions are locked once a round has responses", () => {
  it("allows changes in a draft or open round without responses only", () => {
    expect(checkQuestionsEditable({ status: "draft", responseCount: 0 })).toEqual({ ok: true });
    expect(checkQuestionsEditable({ status: "open", responseCount: 0 })).toEqual({ ok: true });
    expect(checkQuestionsEditable({ status: "open", responseCount: 1 })).toEqual({ ok: false, reason: "has-responses" });
    expect(checkQuestionsEditable({ status: "closed", responseCount: 5 })).toEqual({ ok: false, reason: "has-responses" });
    expect(checkQuestionsEditable({ status: "closed", responseCount: 0 })).toEqual({ ok: false, reason: "round-closed" });
  });
});

describe("answers are accepted only while consultation and round are open", () => {
  const open = { status: "open", opensAt: earlier, closesAt: later };
  it("accepts within both windows", () => {
    expect(canAcceptAnswers(open, open, now)).toEqual({ ok: true });
    expect(canAcceptAnswers({ ...open, opensAt: null, closesAt: null }, { ...open, opensAt: null, closesAt: null }, now)).toEqual({ ok: true });
  });
  it("refuses when closed, not open yet, or past a closing date", () => {
    expect(canAcceptAnswers({ ...open, status: "closed" }, open, now)).toEqual({ ok: false, reason: "consultation-not-open" });
    expect(canAcceptAnswers({ ...open, status: "published" }, open, now)).toEqual({ ok: false, reason: "consultation-not-open" });
    expect(canAcceptAnswers({ ...open, status: "draft" }, open, now)).toEqual({ ok: false, reason: "consultation-not-open" });
    expect(canAcceptAnswers(open, { ...open, status: "closed" }, now)).toEqual({ ok: false, reason: "round-not-open" });
    expect(canAcceptAnswers(open, { ...open, status: "draft" }, now)).toEqual({ ok: false, reason: "round-not-open" });
    expect(canAcceptAnswers(open, { ...open, opensAt: later }, now)).toEqual({ ok: false, reason: "not-yet-open" });
    expect(canAcceptAnswers({ ...open, closesAt: now }, open, now)).toEqual({ ok: false, reason: "closed" });
    expect(canAcceptAnswers(open, { ...open, closesAt: earlier, opensAt: null }, now)).toEqual({ ok: false, reason: "closed" });
  });
});

describe("audience", () => {
  it("changes only while the consultation is a draft", async () => {
    const { checkAudienceChange } = await import("./lifecycle");
    expect(checkAudienceChange("draft", "both", "group")).toEqual({ ok: true });
    expect(checkAudienceChange("open", "both", "both")).toEqual({ ok: true });
    expect(checkAudienceChange("open", "both", "group")).toEqual({ ok: false, reason: "audience-fixed" });
    expect(checkAudienceChange("closed", "public", "group")).toEqual({ ok: false, reason: "audience-fixed" });
  });
});

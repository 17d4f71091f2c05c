/** Test helper: publishes the demo consultation's summary through the officer's routes (as the officer would). */
import { Client, DEMO } from "./client";

/** Publishes the demo consultation's summary through the officer's routes. */
export async function publishDemo(base: string) {
  const o = new Client(base);
  await o.signIn(DEMO.officer.email, DEMO.officer.password);
  const slug = "joined-up-care";
  const steps = [
    await o.post(`/consultations/${slug}/results`, {
      intent: "compute",
      rule: "comet",
      thresholdIn: "70",
      thresholdOut: "15",
      bound: "strict",
      groups: "overall",
      groupWeighting: "equal",
      margins: "none",
    }),
    await o.post(`/consultations/${slug}`, { intent: "status", to: "closed" }),
    await o.post(`/consultations/${slug}/publication`, {
      intent: "save",
      result: "latest",
      margins: "none",
      licence: "OGL-3.0",
      whatWeAsked_en: "We asked which outcomes of joined-up care matter most to you.",
    }),
    await o.post(`/consultations/${slug}/publication`, { intent: "publish", changeNote: "" }),
  ];
  for (const s of steps) if (s.status !== 302) throw new Error(`publishing the demo failed: ${s.status} ${await s.text()}`);
  return `/summaries/${slug}`;
}

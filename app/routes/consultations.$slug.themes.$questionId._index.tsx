import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { requireThemableQuestion } from "../auth/theme-access.server";
import { acceptSuggestions, discardSuggestion, questionThemesPage, requestAssignment, requestSuggestions, splitSuggestion } from "../services/themes.server";
import { QuestionThemesView } from "../ui/themes/QuestionThemes";
import type { ConsultationActor } from "../domain/actor";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, runIntent } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:question.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    officer: isOfficerOf(user, consultation.partnershipId),
    question,
    ...(await questionThemesPage(args.context.db, consultation.id, question)),
  });
}

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31);
const name = z
  .string({ error: "themes:suggest.errors.nameRequired" })
  .trim()
  .min(1, "themes:suggest.errors.nameRequired")
  .max(80, "themes:suggest.errors.nameTooLong");

type Context = { db: ActionFunctionArgs["context"]["db"]; target: ConsultationActor & { questionId: number }; here: string; now: Date };

const bad = () => new Response("Bad Request", { status: 400 });
const missing = () => new Response("Not Found", { status: 404 });

/** Accepting one suggestion and merging several both name one new codebook theme; only the fields differ. */
function nameTheme(intent: "accept" | "merge") {
  return async (form: FormData, c: Context) => {
    const ids = (intent === "accept" ? [form.get("suggestionId")] : form.getAll("merge")).map((v) => id.safeParse(v));
    if (ids.some((r) => !r.success)) throw bad();
    const suggestionIds = [...new Set(ids.map((r) => r.data!))];
    // each suggestion has its own name field (name-<id>), so an error shows beside the right one
    const field = intent === "accept" ? `name-${suggestionIds[0]}` : "mergeName";
    const typed = String(form.get(intent === "accept" ? "name" : "mergeName") ?? "");
    const values = { [field]: typed.slice(0, 200) };
    if (intent === "merge" && suggestionIds.length < 2) return fail({ merge: "themes:suggest.errors.mergeTwo" }, values);
    const n = name.safeParse(typed);
    if (!n.success) return fail({ [field]: n.error.issues[0]!.message }, values);
    const r = await acceptSuggestions(c.db, { ...c.target, suggestionIds, name: n.data }, c.now);
    if (!r.ok && r.reason === "missing") throw missing();
    if (!r.ok) return fail({ [field]: "themes:suggest.errors.nameTaken" }, values);
    return redirect(`${c.here}?accepted=1`);
  };
}

const suggestionIdOf = (form: FormData) => {
  const s = id.safeParse(form.get("suggestionId"));
  if (!s.success) throw bad();
  return s.data;
};

const handlers: Record<string, (form: FormData, c: Context) => Promise<Response>> = {
  async suggest(form, c) {
    const raw = String(form.get("k") ?? "").trim();
    const k = raw === "" ? { success: true as const, data: undefined } : z.coerce.number().int().min(2).max(30).safeParse(raw);
    if (!k.success) return fail({ k: "themes:suggest.errors.k" }, { k: raw });
    await requestSuggestions(c.db, { ...c.target, k: k.data }, c.now);
    return redirect(`${c.here}?queued=suggest`);
  },
  async assign(_form, c) {
    const r = await requestAssignment(c.db, c.target, c.now);
    if (!r.ok) return fail({ assign: "themes:suggest.errors.noCodebook" });
    return redirect(`${c.here}?queued=assign`);
  },
  accept: nameTheme("accept"),
  merge: nameTheme("merge"),
  async split(form, c) {
    const suggestionId = suggestionIdOf(form);
    const r = await splitSuggestion(c.db, { ...c.target, suggestionId }, c.now);
    if (!r.ok && r.reason === "missing") throw missing();
    if (!r.ok) return fail({ [`split-${suggestionId}`]: "themes:suggest.errors.tooSmall" });
    return redirect(`${c.here}?queued=split`);
  },
  async discard(form, c) {
    const r = await discardSuggestion(c.db, { ...c.target, suggestionId: suggestionIdOf(form) }, c.now);
    if (!r.ok) throw missing();
    return redirect(`${c.here}?discarded=1`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, locale } = await requireConsultationRole(args, ["officer"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  const target = { actor, consultationId: consultation.id, questionId: question.id };
  return await runIntent(await args.request.formData(), handlers, {
    db: args.context.db,
    target,
    here: `/consultations/${consultation.slug}/themes/${question.id}`,
    now: new Date(),
  });
}

export default function QuestionThemes() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  const errors = useTranslatedErrors(actionData?.errors, "themes");
  return <QuestionThemesView {...data} errors={errors} values={actionData?.values ?? {}} failed={Boolean(actionData)} />;
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { isOfficerOf, requireRoundRole } from "../auth/round-access.server";
import { roundPage, transitionRound } from "../services/consultations.server";
import { addRatingsForAllOutcomes, reorderQuestion, saveRoundSettings } from "../services/survey-builder.server";
import { BackLink, SuccessBanner } from "../ui/components";
import { RoundQuestions } from "../ui/consultation/RoundQuestions";
import { RoundSettingsForm } from "../ui/consultation/RoundSettingsForm";
import { roundBanner, RoundStatus } from "../ui/consultation/RoundStatus";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { ErrorSummary } from "../ui/ErrorSummary";
import type { RouteHandle } from "../ui/title";
import { roundSettingsSchema } from "../utils/consultation-form";
import { fail, formValues, parseForm, runIntent, schemaFields } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { consultation?: { title: string }; round?: { number: number } } | undefined;
    return t("officer:round.title", { number: d?.round?.number ?? "", consultation: d?.consultation?.title ?? "" });
  },
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, round, user, locale } = await requireRoundRole(args, ["officer", "commissioner"]);
  return json(await roundPage(args.context.db, { consultation, round, locale, canEdit: isOfficerOf(user, consultation.partnershipId) }));
}

const moveSchema = z.object({ questionId: z.coerce.number().int().positive().max(1e12), direction: z.enum(["up", "down"]) });
const statusSchema = z.enum(["open", "closed"]);

type Context = Awaited<ReturnType<typeof requireRoundRole>> & { db: ActionFunctionArgs["context"]["db"]; now: Date; base: string };
const refused = (reason: string, field = "status") => fail({ [field]: `builder.refusal.${reason}` }, {}, 409);

const intents = {
  async status(form: FormData, { db, consultation, round, actor, now, base }: Context) {
    const to = statusSchema.safeParse(form.get("to"));
    if (!to.success) throw new Response("Bad Request", { status: 400 });
    const result = await transitionRound(db, { actor, consultationId: consultation.id, roundNumber: round.number, to: to.data }, now);
    if (!result.ok) return fail({ status: `lifecycle.refusal.${result.reason}` }, {}, 409);
    return redirect(`${base}?status=${to.data}`);
  },
  async move(form: FormData, { db, consultation, round, actor, now, base }: Context) {
    const m = moveSchema.safeParse({ questionId: form.get("questionId"), direction: form.get("direction") });
    if (!m.success) throw new Response("Bad Request", { status: 400 });
    const result = await reorderQuestion(db, { actor, consultationId: consultation.id, roundNumber: round.number, ...m.data }, now);
    if (!result.ok && result.reason === "no-question") throw new Response("Not Found", { status: 404 });
    if (!result.ok && result.reason !== "at-edge") return refused(result.reason, "questions");
    return redirect(`${base}#question-${m.data.questionId}`);
  },
  async "add-ratings"(_form: FormData, { db, consultation, round, actor, now, base }: Context) {
    const result = await addRatingsForAllOutcomes(db, { actor, consultationId: consultation.id, roundNumber: round.number }, now);
    if (!result.ok) return refused(result.reason, "questions");
    return redirect(`${base}?ratings=${result.value}`);
  },
  async settings(form: FormData, { db, consultation, round, actor, now, base }: Context) {
    const parsed = parseForm(form, roundSettingsSchema);
    if (!parsed.ok) return fail(parsed.errors, parsed.values);
    const result = await saveRoundSettings(db, { actor, consultationId: consultation.id, roundNumber: round.number, settings: parsed.data }, now);
    if (!result.ok) return fail({ showFeedback: `builder.refusal.${result.reason}` }, formValues(form, schemaFields(roundSettingsSchema)), 409);
    return redirect(`${base}?settings=1`);
  },
};

export async function action(args: ActionFunctionArgs) {
  const access = await requireRoundRole(args, ["officer"]);
  const form = await args.request.formData();
  const base = `/consultations/${access.consultation.slug}/rounds/${access.round.number}`;
  return await runIntent(form, intents, { ...access, db: args.context.db, now: new Date(), base });
}

export default function RoundPage() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { errors?: Record<string, string>; values?: Record<string, string> } | undefined;
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors);
  const { consultation, round, canEdit } = data;
  const base = `/consultations/${consultation.slug}/rounds/${round.number}`;
  const values: Record<string, string> =
    actionData?.values && Object.keys(actionData.values).length
      ? actionData.values
      : {
          showFeedback: round.showFeedback ? "yes" : "no",
          feedbackBy: round.feedbackBy,
          allowNewParticipants: round.allowNewParticipants ? "yes" : "no",
          opensAt: round.opensAt,
          closesAt: round.closesAt,
        };
  const banner = roundBanner(t, search);
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/survey`}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ status: "round-status", questions: "questions" }} />
      {banner ? <SuccessBanner message={banner} /> : null}
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("overview.roundN", { number: round.number })}</h1>
      <RoundStatus data={data} />
      <RoundQuestions data={data} base={base} editable={canEdit && data.locked === null} />
      {canEdit && round.status !== "closed" ? <RoundSettingsForm errors={errors} values={values} /> : null}
    </>
  );
}

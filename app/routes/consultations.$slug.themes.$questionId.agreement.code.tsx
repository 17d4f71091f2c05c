import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { codingChoice, NONE } from "../domain/participation/coding-choice";
import { useTranslation } from "../i18n/use-translation";
import { codeBlindItem, latestSample, nextBlindItem } from "../services/theme-agreement.server";
import { requireThemableQuestion } from "../auth/theme-access.server";
import { codebookChoices } from "../services/themes.server";
import { BackLink, Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:agreement.codeTitle", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

/** A refused code: the sample or answer gone, someone else's sample (blind coding is one person's), a theme not in the codebook. */
const REFUSED = { missing: [404, "Not Found"], "not-coder": [403, "Forbidden"], "unknown-theme": [400, "Bad Request"] } as const;

async function load(args: LoaderFunctionArgs, roles: Array<"officer" | "commissioner">) {
  const access = await requireConsultationRole(args, roles);
  const question = await requireThemableQuestion(args.context.db, access.consultation.id, args.params.questionId, access.locale);
  const sample = await latestSample(args.context.db, access.consultation.id, question.id);
  if (!sample) throw new Response("Not Found", { status: 404 });
  // Blind: only the sample's own coder sees its answers here.
  if (sample.coderId !== access.user.id) throw new Response("Forbidden", { status: 403 });
  return { ...access, question, sample };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, question, sample } = await load(args, ["officer"]);
  const db = args.context.db;
  const item = await nextBlindItem(db, consultation.id, sample);
  const base = `/consultations/${consultation.slug}/themes/${question.id}/agreement`;
  if (!item) throw redirect(`${base}?coded=1`);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    question: { id: question.id, roundNumber: question.roundNumber },
    sample: { id: sample.id, size: sample.size, coded: sample.items.filter((i) => i.codedAt).length },
    item,
    themes: await codebookChoices(db, consultation.id),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, question, sample } = await load(args, ["officer"]);
  const form = await args.request.formData();
  const ticked = form.getAll("themes").map(String);
  const choice = codingChoice(form.get("answerId"), ticked);
  if (!choice.ok && choice.reason === "bad-request") throw new Response("Bad Request", { status: 400 });
  if (!choice.ok) return fail({ themes: `themes:review.errors.${choice.reason}` }, {}, 400, { ticked });
  const r = await codeBlindItem(args.context.db, { actor, consultationId: consultation.id, sampleId: sample.id, ...choice.value }, new Date());
  if (!r.ok) throw new Response(REFUSED[r.reason][1], { status: REFUSED[r.reason][0] });
  return redirect(`/consultations/${consultation.slug}/themes/${question.id}/agreement/code`);
}

export default function BlindCoding() {
  const { t, i18n } = useTranslation("themes");
  const { consultation, question, sample, item, themes } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; ticked?: string[] }>();
  const errors = useTranslatedErrors(actionData?.errors, "themes");
  const num = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/themes/${question.id}/agreement`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{t("question.caption", { round: question.roundNumber })}</span>
          <h1 className="govuk-heading-l">{t("agreement.codeHeading")}</h1>
          <p className="govuk-body" data-testid="blind-progress">
            {t("agreement.codeProgress", { coded: num.format(sample.coded), size: num.format(sample.size) })}
          </p>
          <p className="govuk-body">{t("agreement.blind")}</p>
          <blockquote className="govuk-inset-text" data-testid="blind-answer">
            {item.text}
          </blockquote>
          <Form method="post" noValidate>
            <input type="hidden" name="answerId" value={item.answerId} />
            <Checkboxes
              name="themes"
              legend={t("review.legend")}
              error={errors.themes}
              defaultValues={actionData?.ticked ?? []}
              items={[...themes.map((th) => ({ value: String(th.id), label: th.name })), { value: NONE, label: t("review.none") }]}
              small
            />
            <Button>{t("agreement.codeSubmit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { landisKoch } from "../domain/themes/agreement-intervals";
import { useTranslation } from "../i18n/use-translation";
import { latestSample, sampleAgreement, startSample } from "../services/theme-agreement.server";
import { requireThemableQuestion } from "../auth/theme-access.server";
import { BackLink, Button, Table } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { TextInput } from "../ui/fields";
import { ThemesNav } from "../ui/themes";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:agreement.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  const db = args.context.db;
  const sample = await latestSample(db, consultation.id, question.id);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    officer: isOfficerOf(user, consultation.partnershipId),
    question: { id: question.id, text: question.text, roundNumber: question.roundNumber, answers: question.answers },
    sample: sample
      ? {
          id: sample.id,
          size: sample.size,
          seed: sample.seed,
          coded: sample.items.filter((i) => i.codedAt).length,
          coderName: sample.coderName,
          mine: sample.coderId === user.id,
        }
      : null,
    results: sample && sample.items.some((i) => i.codedAt) ? await sampleAgreement(db, sample) : null,
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor, locale } = await requireConsultationRole(args, ["officer"]);
  const question = await requireThemableQuestion(args.context.db, consultation.id, args.params.questionId, locale);
  const form = await args.request.formData();
  const values = { size: String(form.get("size") ?? "").slice(0, 20), seed: String(form.get("seed") ?? "").slice(0, 20) };
  const size = z.coerce.number().int().min(2).max(Math.max(2, question.answers)).safeParse(values.size.trim());
  const seed = z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1)
    .safeParse(values.seed.trim() || "1");
  const errors: Record<string, string> = {};
  if (question.answers < 2) errors.size = "themes:agreement.errors.tooFew";
  else if (!size.success) errors.size = "themes:agreement.errors.size";
  if (!seed.success) errors.seed = "themes:agreement.errors.seed";
  if (Object.keys(errors).length) return fail(errors, values, 400, { max: question.answers });
  await startSample(args.context.db, { actor, consultationId: consultation.id, questionId: question.id, size: size.data!, seed: seed.data! }, new Date());
  return redirect(`/consultations/${consultation.slug}/themes/${question.id}/agreement/code`);
}

export default function Agreement() {
  const { t, i18n } = useTranslation("themes");
  const { consultation, officer, question, sample, results } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors?: Record<string, string>; values?: Record<string, string> }>();
  const errors = useTranslatedErrors(actionData?.errors, "themes", { max: question.answers });
  const num = new Intl.NumberFormat(i18n.language);
  const two = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const f = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "–" : two.format(x));
  const ci = (c: readonly (number | null)[] | null | undefined) =>
    c && c[0] !== null && c[1] !== null ? t("agreement.interval", { low: f(c[0]), high: f(c[1]) }) : "–";
  const base = `/consultations/${consultation.slug}/themes/${question.id}`;
  const band = (x: number | null | undefined) => (x === null || x === undefined ? "" : t(`agreement.band.${landisKoch(x)}`));
  return (
    <>
      <BackLink to={base}>{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      <span className="govuk-caption-l">{t("question.caption", { round: question.roundNumber })}</span>
      <h1 className="govuk-heading-l">{t("agreement.heading")}</h1>
      <ThemesNav slug={consultation.slug} questionId={question.id} current="agreement" />
      <p className="govuk-body">{t("agreement.intro")}</p>
      {sample ? (
        <p className="govuk-body" data-testid="sample-progress">
          {t("agreement.progress", {
            coded: num.format(sample.coded),
            size: num.format(sample.size),
            coder: sample.coderName ?? t("review.someone"),
            seed: sample.seed,
          })}{" "}
          {sample.mine && sample.coded < sample.size ? (
            <Link className="govuk-link" to={`${base}/agreement/code`}>
              {t("agreement.continue")}
            </Link>
          ) : null}
        </p>
      ) : (
        <p className="govuk-body" data-testid="no-sample">
          {t("agreement.none")}
        </p>
      )}
      {results ? (
        <div data-testid="agreement-results">
          <h2 className="govuk-heading-m">{t("agreement.peopleHeading")}</h2>
          <Table
            caption={t("agreement.peopleCaption")}
            head={[t("agreement.col.measure"), t("agreement.col.value"), t("agreement.col.interval"), t("agreement.col.answers")]}
            numericColumns={[1, 3]}
            rows={[
              [t("agreement.kappa"), f(results.kappa?.kappa), ci(results.kappa?.ci95), num.format(results.bothPeople)],
              [t("agreement.alpha"), f(results.alpha?.alpha), ci(results.alpha?.ci95), num.format(results.coded)],
            ]}
          />
          {results.kappa?.kappa !== null && results.kappa?.kappa !== undefined ? (
            <p className="govuk-body">
              {t("agreement.kappaSentence", { value: f(results.kappa.kappa), band: band(results.kappa.kappa), answers: num.format(results.bothPeople) })}
            </p>
          ) : (
            <p className="govuk-body">{t("agreement.noKappa")}</p>
          )}
          <p className="govuk-body-s">{t("agreement.method", { seed: sample?.seed ?? 1 })}</p>
          <h2 className="govuk-heading-m">{t("agreement.machineHeading")}</h2>
          {results.machine ? (
            <>
              <p className="govuk-body">
                {t("agreement.macroSentence", {
                  value: f(results.machine.macro),
                  interval: ci(results.machine.ci95),
                  answers: num.format(results.machine.units),
                })}
              </p>
              <Table
                caption={t("agreement.machineCaption")}
                head={[
                  t("agreement.col.theme"),
                  t("agreement.col.precision"),
                  t("agreement.col.recall"),
                  t("agreement.col.f1"),
                  t("agreement.col.interval"),
                  t("agreement.col.support"),
                ]}
                numericColumns={[1, 2, 3, 5]}
                rows={results.machine.byTheme.map((r) => [
                  r.theme ?? t("review.none"),
                  f(r.precision),
                  f(r.recall),
                  f(r.f1),
                  ci(r.ci95),
                  num.format(r.support),
                ])}
              />
            </>
          ) : (
            <p className="govuk-body">{t("agreement.noMachine")}</p>
          )}
        </div>
      ) : null}
      {officer ? (
        <Form method="post" noValidate>
          <h2 className="govuk-heading-m">{t("agreement.startHeading")}</h2>
          <p className="govuk-body">{t("agreement.startIntro")}</p>
          <TextInput
            name="size"
            label={t("agreement.size")}
            hint={t("agreement.sizeHint", { max: num.format(question.answers) })}
            width="4"
            inputMode="numeric"
            defaultValue={actionData?.values?.size ?? String(Math.min(50, question.answers))}
            error={errors.size}
          />
          <TextInput
            name="seed"
            label={t("agreement.seed")}
            hint={t("agreement.seedHint")}
            width="10"
            inputMode="numeric"
            defaultValue={actionData?.values?.seed ?? "1"}
            error={errors.seed}
          />
          <Button variant={sample ? "secondary" : "primary"}>{t("agreement.start")}</Button>
        </Form>
      ) : null}
    </>
  );
}

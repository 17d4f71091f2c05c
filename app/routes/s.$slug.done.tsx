import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { serverI18n } from "../i18n/i18n.server";
import { queueReceipt, resumeCodeOf } from "../services/journey.server";
import { checkHoneypot, failStep, limitPosts, privateHeaders, requireJourney } from "../auth/journey-route.server";
import { isEmailAddress } from "../services/email.server";
import { Button, SuccessBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { parseForm } from "../utils/forms";
import { TextInput } from "../ui/fields";
import { formatDate } from "../i18n/format.server";
import { Honeypot, PreviewBanner } from "../ui/journey";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (t) => t("citizen:done.title") };

export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  if (!j.response) throw redirect(j.base);
  const url = new URL(args.request.url);
  const closes = j.round?.closesAt ?? j.consultation.closesAt;
  return json(
    {
      reference: j.response.reference,
      base: j.base,
      mode: j.mode,
      roundNumber: j.round?.number ?? null,
      open: j.open,
      closes: closes ? formatDate(closes.toISOString(), j.locale) : null,
      sent: url.searchParams.get("receipt") === "sent",
      resumeCode: resumeCodeOf(args.request, j),
      title: j.consultation.title.value,
    },
    { headers: privateHeaders },
  );
}

const receiptSchema = z.object({
  // No field at all reads as an empty one.
  email: z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z.string().trim().min(1, "done.receipt.errorRequired").max(254, "done.receipt.errorFormat").refine(isEmailAddress, "done.receipt.errorFormat"),
  ),
});

/** The optional receipt by email: the address is used for this one email and not kept with the answers. */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const now = new Date();
  const j = await requireJourney(args, now);
  await limitPosts(args.request, "post", j.participant?.id);
  if (!j.response) throw redirect(j.base);
  checkHoneypot(form);
  const parsed = parseForm(form, receiptSchema);
  if (!parsed.ok) return failStep(parsed.errors, parsed.values);
  const t = serverI18n(j.locale).getFixedT(j.locale, "citizen");
  const lines = [
    t("receipt.greeting"),
    "",
    t("receipt.body", { title: j.consultation.title.value, round: j.round?.number ?? 1 }),
    t("receipt.reference", { reference: j.response.reference }),
    "",
    t("receipt.next"),
    "",
    t("receipt.signoff", { partnership: j.consultation.partnershipName }),
  ];
  await queueReceipt(
    args.context.db,
    j,
    parsed.data.email,
    { subject: t("receipt.subject", { reference: j.response.reference }), text: lines.join("\n") },
    now,
  );
  return redirect(`${j.base}/done?receipt=sent`);
}

export default function DonePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("citizen");
  const errors = useTranslatedErrors(actionData?.errors, "citizen");
  const error = errors.email;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
        <ErrorSummary errors={errors} />
        {d.sent ? <SuccessBanner message={t("done.receipt.sent")} /> : null}
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">{t("done.title")}</h1>
          <div className="govuk-panel__body">
            {t("done.referenceIntro")}
            <br />
            <strong data-testid="reference">{d.reference}</strong>
          </div>
        </div>
        <p className="govuk-body">{t("done.keep")}</p>
        <h2 className="govuk-heading-m">{t("done.nextHeading")}</h2>
        <p className="govuk-body">{d.closes ? t("done.nextWithDate", { date: d.closes }) : t("done.next")}</p>
        <p className="govuk-body">{t("done.nextRounds")}</p>

        <h2 className="govuk-heading-m">{t("done.yourAnswersHeading")}</h2>
        <ul className="govuk-list">
          <li>
            <a className="govuk-link" href={`${d.base}/download/csv`} download>
              {t("done.downloadCsv")}
            </a>
          </li>
          <li>
            <a className="govuk-link" href={`${d.base}/download/json`} download>
              {t("done.downloadJson")}
            </a>
          </li>
        </ul>
        {d.open ? (
          <p className="govuk-body">
            {t("done.withdrawIntro")}{" "}
            <Link className="govuk-link" to={`${d.base}/withdraw`}>
              {t("done.withdrawLink")}
            </Link>
          </p>
        ) : null}
        {d.resumeCode ? (
          <p className="govuk-body">
            {t("done.codeIntro")} <strong className="app-resume-code">{d.resumeCode}</strong>
          </p>
        ) : null}

        <h2 className="govuk-heading-m">{t("done.receipt.heading")}</h2>
        <Form method="post" noValidate>
          <Honeypot />
          <TextInput
            name="email"
            type="email"
            label={t("done.receipt.label")}
            hint={t("done.receipt.hint")}
            error={error}
            optional
            autoComplete="email"
            spellCheck={false}
            defaultValue={actionData?.values?.email ?? ""}
          />
          <Button variant="secondary">{t("done.receipt.submit")}</Button>
        </Form>
      </div>
    </div>
  );
}

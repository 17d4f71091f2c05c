import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import type { ConsultationStatus } from "../domain/consultation/lifecycle";
import { consultationOverview, transitionConsultation } from "../services/consultations.server";
import { BackLink, Button, SuccessBanner, Tag } from "../ui/components";
import { LifecycleHistory, OverviewRounds } from "../ui/consultation/OverviewRounds";
import { OverviewDetails } from "../ui/consultation/OverviewDetails";
import { ErrorSummary } from "../ui/ErrorSummary";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("officer:overview.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  return json(await consultationOverview(args.context.db, { consultation, locale, canEdit: isOfficerOf(user, consultation.partnershipId) }));
}

const statusSchema = z.object({ intent: z.literal("status"), to: z.enum(["open", "closed"]) });

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  const parsed = statusSchema.safeParse({ intent: form.get("intent"), to: form.get("to") });
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const result = await transitionConsultation(args.context.db, { actor, consultationId: consultation.id, to: parsed.data.to }, new Date());
  if (!result.ok) return fail({ status: `lifecycle.refusal.${result.reason}` }, {}, 409);
  return redirect(`/consultations/${consultation.slug}?status=${parsed.data.to}`);
}

export default function ConsultationOverview() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { consultation, canEdit } = data;
  const errors = useTranslatedErrors(actionData?.errors);
  const base = `/consultations/${consultation.slug}`;
  const changed = search.get("status");
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} fieldIds={{ status: "lifecycle" }} />
      {search.get("created") ? <SuccessBanner message={t("overview.created")} /> : null}
      {search.get("saved") ? <SuccessBanner message={t("overview.saved")} /> : null}
      {changed === "open" || changed === "closed" ? <SuccessBanner message={t(`overview.statusChanged.${changed}`)} /> : null}
      <span className="govuk-caption-l">{t("overview.caption")}</span>
      <h1 className="govuk-heading-l">{consultation.title}</h1>
      <p className="govuk-body">
        {t("overview.status")}{" "}
        <Tag colour={consultation.status === "open" ? "green" : consultation.status === "draft" ? "grey" : "blue"}>
          {t(`common:consultation.status.${consultation.status}`)}
        </Tag>
      </p>

      <h2 className="govuk-heading-m" id="lifecycle" tabIndex={-1}>
        {t("overview.lifecycleHeading")}
      </h2>
      <p className="govuk-body">{t(`overview.lifecycleHint.${consultation.status}`)}</p>
      {canEdit && data.nextStatuses.length > 0 ? (
        <div className="govuk-button-group">
          {data.nextStatuses.map((to: ConsultationStatus) => (
            <Form method="post" key={to}>
              <input type="hidden" name="intent" value="status" />
              <input type="hidden" name="to" value={to} />
              <Button variant={to === "closed" ? "warning" : "primary"}>{t(`overview.action.${consultation.status}-${to}`)}</Button>
            </Form>
          ))}
        </div>
      ) : null}

      <OverviewDetails data={data} base={base} />
      <OverviewRounds data={data} base={base} />
      <LifecycleHistory history={data.history} />
    </>
  );
}

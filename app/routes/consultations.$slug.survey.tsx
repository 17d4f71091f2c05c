import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { listRoundOverviews } from "../services/consultations.server";
import { createFirstRound } from "../services/survey-builder.server";
import { BackLink, Button } from "../ui/components";
import { RoundsTable } from "../ui/consultation/RoundsTable";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("officer:survey.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const rounds = await listRoundOverviews(args.context.db, [consultation.id]);
  const last = rounds.at(-1);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    canEdit: isOfficerOf(user, consultation.partnershipId),
    canAddRound: Boolean(last && last.status !== "draft"),
    rounds: rounds.map((r) => ({
      number: r.number,
      status: r.status,
      questionCount: r.questionCount,
      responseCount: r.responseCount,
      showFeedback: r.showFeedback,
      feedbackBy: r.feedbackBy,
      allowNewParticipants: r.allowNewParticipants,
    })),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const form = await args.request.formData();
  if (form.get("intent") !== "first-round") throw new Response("Bad Request", { status: 400 });
  await createFirstRound(args.context.db, { actor, consultationId: consultation.id }, new Date());
  return redirect(`/consultations/${consultation.slug}/rounds/1`);
}

export default function SurveyPage() {
  const { t } = useTranslation("officer");
  const data = useLoaderData<typeof loader>();
  const base = `/consultations/${data.consultation.slug}`;
  return (
    <>
      <BackLink to={base}>{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{data.consultation.title}</span>
      <h1 className="govuk-heading-l">{t("survey.heading")}</h1>
      <p className="govuk-body">{t("survey.intro")}</p>
      {data.rounds.length === 0 ? (
        <>
          <p className="govuk-body">{t("survey.noRounds")}</p>
          {data.canEdit ? (
            <Form method="post">
              <input type="hidden" name="intent" value="first-round" />
              <Button>{t("survey.createFirstRound")}</Button>
            </Form>
          ) : null}
        </>
      ) : (
        <RoundsTable
          rounds={data.rounds}
          base={base}
          extra={[
            {
              head: t("survey.col.feedback"),
              cell: (r) => (r.showFeedback ? (r.feedbackBy === "overall" ? t("round.feedbackOverall") : t("round.feedbackByGroup")) : t("survey.noFeedback")),
            },
            { head: t("survey.col.newParticipants"), cell: (r) => (r.allowNewParticipants ? t("round.yes") : t("round.no")) },
          ]}
        />
      )}
      {data.canEdit && data.canAddRound ? (
        <Link className="govuk-button" to={`${base}/rounds/new`}>
          {t("survey.setUpNext", { number: data.rounds.length + 1 })}
        </Link>
      ) : null}
    </>
  );
}

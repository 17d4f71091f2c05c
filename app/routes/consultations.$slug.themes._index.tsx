import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { useTranslation } from "../i18n/use-translation";
import { listThemableQuestions } from "../services/themes.server";
import { BackLink, Table } from "../ui/components";
import { ParticipationNav } from "../ui/participation";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:questions.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user, locale } = await requireConsultationRole(args, ["officer", "commissioner"]);
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    officer: isOfficerOf(user, consultation.partnershipId),
    questions: await listThemableQuestions(args.context.db, consultation.id, locale),
  });
}

export default function ThemesQuestions() {
  const { t, i18n } = useTranslation("themes");
  const { consultation, officer, questions } = useLoaderData<typeof loader>();
  const num = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}`}>{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("questions.heading")}</h1>
      <ParticipationNav slug={consultation.slug} current="themes" officer={officer} />
      <p className="govuk-body">{t("questions.intro")}</p>
      {questions.length === 0 ? (
        <p className="govuk-body" data-testid="no-questions">
          {t("questions.none")}
        </p>
      ) : (
        <Table
          caption={t("questions.caption")}
          head={[t("questions.col.question"), t("questions.col.round"), t("questions.col.answers"), t("questions.col.reviewed")]}
          numericColumns={[1, 2, 3]}
          rows={questions.map((q) => [
            <span key="q">
              <Link className="govuk-link" to={`/consultations/${consultation.slug}/themes/${q.id}`}>
                {q.text || t(`questions.type.${q.type}`)}
              </Link>
              <span className="govuk-body-s govuk-!-display-block">{t(`questions.type.${q.type}`)}</span>
            </span>,
            num.format(q.roundNumber),
            num.format(q.answers),
            t("questions.reviewedOf", { reviewed: num.format(q.reviewed), total: num.format(q.answers) }),
          ])}
        />
      )}
    </>
  );
}

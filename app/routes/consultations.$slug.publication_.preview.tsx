import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { previewSummary } from "../services/publication.server";
import { directionOf } from "../i18n/config";
import { detectLocale } from "../i18n/i18n.server";
import { LocaleScope } from "../i18n/LocaleScope";
import { BackLink, WarningText } from "../ui/components";
import { EasyReadView } from "../ui/publication/EasyReadView";
import { SummaryView } from "../ui/publication/SummaryView";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("publication:preview.title", { consultation: (data as { title?: string } | undefined)?.title ?? "" }),
};

/** The officer's preview: the summary as it would be published, exact figures marked beside the published ones. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation } = await requireConsultationRole(args, ["officer"]);
  // The page is a staff screen (English or Welsh); the summary inside it is in the language previewed.
  const locale = detectLocale(args.request);
  const view = new URL(args.request.url).searchParams.get("view") === "easy-read" ? "easy-read" : "page";
  const preview = await previewSummary(args.context.db, consultation);
  return json({ slug: consultation.slug, title: consultation.title, locale, view, summary: preview.ok ? preview.value : null });
}

export default function Preview() {
  const { t } = useTranslation("publication");
  const data = useLoaderData<typeof loader>();
  const back = `/consultations/${data.slug}/publication`;
  return (
    <>
      <BackLink to={back}>{t("preview.back")}</BackLink>
      <WarningText assistive={t("workflow.warning")} className="app-preview-banner" testId="preview-banner">
        {t("preview.banner")}
      </WarningText>
      {data.summary === null ? (
        <p className="govuk-body">
          {t("workflow.noResults")}{" "}
          <Link className="govuk-link" to={`/consultations/${data.slug}/results`}>
            {t("workflow.toResults")}
          </Link>
        </p>
      ) : (
        <LocaleScope locale={data.locale}>
          <div lang={data.locale} dir={directionOf(data.locale)} data-testid="preview-content">
            {data.view === "easy-read" ? (
              <EasyReadView summary={data.summary} locale={data.locale} fullVersionHref={null} imageHref={(id) => `/summaries/${data.slug}/images/${id}`} />
            ) : (
              <SummaryView summary={data.summary} locale={data.locale} meta={null} />
            )}
          </div>
        </LocaleScope>
      )}
    </>
  );
}

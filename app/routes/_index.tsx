import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { getOptionalUser } from "../auth/guards.server";
import { detectLocale } from "../i18n/i18n.server";
import { listPublicConsultations } from "../services/consultations.server";
import { SuccessBanner, Tag } from "../ui/components";
import { formatDate } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("home.title") };

export async function loader(args: LoaderFunctionArgs) {
  const locale = detectLocale(args.request);
  const user = await getOptionalUser(args);
  const consultations = (await listPublicConsultations(args.context.db, locale)).map((c) => ({
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    lang: c.lang,
    status: c.status,
    // Formatted on the server: browsers' date data differ (Chromium has no Welsh month names).
    closes: c.closesAt ? formatDate(c.closesAt.toISOString(), locale) : null,
    partnershipName: c.partnershipName,
  }));
  return json({ consultations, signedIn: Boolean(user), locale });
}

export default function Home() {
  const { t } = useTranslation();
  const { consultations, signedIn, locale } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {params.get("signedOut") ? <SuccessBanner message={t("signOut.done")} /> : null}
        <h1 className="govuk-heading-xl">{t("home.heading")}</h1>
        <p className="govuk-body-l">{t("home.lead")}</p>
        <p className="govuk-body">{t("home.how")}</p>
        <h2 className="govuk-heading-m">{t("home.consultationsHeading")}</h2>
        {consultations.length === 0 ? (
          <p className="govuk-body">{t("home.noConsultations")}</p>
        ) : (
          <ul className="govuk-list" data-testid="consultation-list">
            {consultations.map((c) => (
              <li key={c.slug} className="govuk-!-margin-bottom-6">
                <h3 className="govuk-heading-s govuk-!-margin-bottom-1" lang={c.lang === locale ? undefined : c.lang}>
                  <Link className="govuk-link" to={`/s/${c.slug}`}>
                    {c.title}
                  </Link>
                </h3>
                <p className="govuk-body-s govuk-!-margin-bottom-1">
                  <Tag colour={c.status === "open" ? "green" : "grey"}>{t(`consultation.status.${c.status}`)}</Tag> {c.partnershipName}
                  {c.closes ? ` · ${t("home.closes", { date: c.closes })}` : null}
                </p>
                <p className="govuk-body" lang={c.lang === locale ? undefined : c.lang}>
                  {c.summary}
                </p>
              </li>
            ))}
          </ul>
        )}
        <p className="govuk-body">
          <a className="govuk-link" href="/summaries">
            {t("publication:index.homeLink")}
          </a>
        </p>
        {signedIn ? (
          <p className="govuk-body">
            <Link className="govuk-link" to="/dashboard">
              {t("home.toDashboard")}
            </Link>
          </p>
        ) : (
          <p className="govuk-body">{t("home.staffNote")}</p>
        )}
      </div>
    </div>
  );
}

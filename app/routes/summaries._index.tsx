import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { detectLocale } from "../i18n/i18n.server";
import { listPublicConsultations } from "../services/consultations.server";
import { latestPublishedVersions } from "../services/publication.server";
import { Button, Tag } from "../ui/components";
import { TextInput } from "../ui/fields";
import { formatDate } from "../i18n/format.server";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("publication:index.heading") };

const query = z.object({ q: z.string().max(200).optional().catch(undefined) });

/** Public: consultations that are open, closed or published, searchable by words in the title or summary. */
export async function loader(args: LoaderFunctionArgs) {
  const locale = detectLocale(args.request);
  const q = (query.parse(Object.fromEntries(new URL(args.request.url).searchParams)).q ?? "").trim().replace(/\s+/g, " ");
  const db = args.context.db;
  const all = await listPublicConsultations(db, locale);
  const published = await latestPublishedVersions(
    db,
    all.map((c) => c.id),
  );
  const words = q.toLocaleLowerCase(locale).split(" ").filter(Boolean);
  const matches = all.filter((c) => {
    const hay = `${c.title} ${c.summary} ${c.partnershipName}`.toLocaleLowerCase(locale);
    return words.every((w) => hay.includes(w));
  });
  return json({
    q,
    locale,
    total: all.length,
    consultations: matches.map((c) => {
      const p = c.status === "published" ? published.get(c.id) : undefined;
      return {
        slug: c.slug,
        title: c.title,
        summary: c.summary,
        lang: c.lang,
        status: p ? "published" : c.status === "published" ? "closed" : c.status,
        partnershipName: c.partnershipName,
        closes: c.closesAt ? formatDate(c.closesAt.toISOString(), locale) : null,
        updated: p ? formatDate(p.publishedAt.toISOString(), locale) : null,
      };
    }),
  });
}

export default function SummariesIndex() {
  const { t } = useTranslation("publication");
  const data = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">{t("index.heading")}</h1>
        <p className="govuk-body-l">{t("index.lead")}</p>
        <Form method="get" role="search" aria-label={t("index.searchLabel")}>
          <TextInput name="q" label={t("index.search")} hint={t("index.searchHint")} defaultValue={data.q} />
          <Button variant="secondary">{t("index.searchButton")}</Button>
        </Form>
        <p className="govuk-body" role="status" data-testid="result-count">
          {data.q ? t("index.found", { count: data.consultations.length, q: data.q }) : t("index.all", { count: data.consultations.length })}
        </p>
        <ul className="govuk-list" data-testid="summaries-list">
          {data.consultations.map((c) => (
            <li key={c.slug} className="govuk-!-margin-bottom-6">
              <h2 className="govuk-heading-m govuk-!-margin-bottom-1" lang={c.lang === data.locale ? undefined : c.lang}>
                {c.status === "published" ? (
                  <a className="govuk-link" href={`/summaries/${c.slug}`}>
                    {c.title}
                  </a>
                ) : c.status === "open" ? (
                  <a className="govuk-link" href={`/s/${c.slug}`}>
                    {c.title}
                  </a>
                ) : (
                  c.title
                )}
              </h2>
              <p className="govuk-body-s govuk-!-margin-bottom-1">
                <Tag colour={c.status === "published" ? "blue" : c.status === "open" ? "green" : "grey"}>{t(`index.status.${c.status}`)}</Tag>{" "}
                {c.partnershipName}
              </p>
              <p className="govuk-body" lang={c.lang === data.locale ? undefined : c.lang}>
                {c.summary}
              </p>
              <p className="govuk-body">
                {c.status === "published" ? (
                  <>
                    {t("index.updated", { date: c.updated })}{" "}
                    <a className="govuk-link" href={`/summaries/${c.slug}/easy-read`}>
                      {t("index.easyRead")}
                    </a>
                  </>
                ) : c.status === "open" ? (
                  <>
                    {c.closes ? `${t("index.closes", { date: c.closes })} ` : null}
                    <a className="govuk-link" href={`/s/${c.slug}`}>
                      {t("index.takePart")}
                      <span className="govuk-visually-hidden">: {c.title}</span>
                    </a>
                  </>
                ) : (
                  t("index.closed")
                )}
              </p>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

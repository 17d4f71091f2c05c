import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { privateHeaders, requireJourney, resumePath } from "../auth/journey-route.server";
import { BackLink } from "../ui/components";
import { PreviewBanner } from "../ui/journey";
import { Markdown } from "../ui/Markdown";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (_t, data) => (data as { pageTitle?: string } | undefined)?.pageTitle ?? "" };

const params = z.object({ n: z.coerce.number().int().min(1).max(500) });
const returnParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31);

/** The briefing, one short section per page; open to anyone, and linked from every question. */
export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  const p = params.safeParse(args.params);
  if (!p.success || p.data.n > j.sections.length) throw new Response("Not Found", { status: 404 });
  const n = p.data.n;
  const url = new URL(args.request.url);
  const ret = returnParam.safeParse(url.searchParams.get("return") ?? undefined);
  const returnTo = ret.success && j.questions.some((q) => q.id === ret.data) ? `${j.base}/q/${ret.data}` : null;
  const section = j.sections[n - 1];
  const keep = returnTo ? `?return=${ret.data}` : "";
  const started = Boolean(j.participant) || j.mode === "preview";
  const next = n < j.sections.length ? `${j.base}/briefing/${n + 1}${keep}` : (returnTo ?? (started && j.round ? resumePath(j) : j.base));
  return json(
    {
      pageTitle: section.title ?? j.consultation.title.value,
      title: section.title,
      consultationTitle: j.consultation.title.value,
      body: section.body,
      lang: j.consultation.briefing.lang,
      locale: j.locale,
      n,
      total: j.sections.length,
      back: n > 1 ? `${j.base}/briefing/${n - 1}${keep}` : (returnTo ?? j.base),
      next,
      returnTo,
      last: n === j.sections.length,
      mode: j.mode,
      roundNumber: j.round?.number ?? null,
      contents: j.sections.map((s, i) => ({ title: s.title, href: `${j.base}/briefing/${i + 1}${keep}` })),
    },
    { headers: privateHeaders },
  );
}

export default function BriefingPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("citizen");
  const lang = d.lang === d.locale ? undefined : d.lang;
  return (
    <>
      <BackLink to={d.back}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
          <span className="govuk-caption-l">{t("briefing.caption", { n: d.n, total: d.total })}</span>
          <h1 className="govuk-heading-l" lang={lang}>
            {d.title ?? d.consultationTitle}
          </h1>
          <Markdown source={d.body} headingOffset={0} lang={lang} />
          {d.returnTo ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={d.returnTo}>
                {t("briefing.returnToQuestion")}
              </Link>
            </p>
          ) : null}
          <Link to={d.next} className="govuk-button" data-testid="briefing-continue">
            {d.last && !d.returnTo ? t("briefing.toQuestions") : t("common:common.continue")}
          </Link>
        </div>
        {d.total > 1 ? (
          <div className="govuk-grid-column-one-third">
            <nav aria-labelledby="briefing-contents">
              <h2 className="govuk-heading-s" id="briefing-contents">
                {t("briefing.contents")}
              </h2>
              <ol className="govuk-list govuk-list--number">
                {d.contents.map((c, i) => (
                  <li key={i}>
                    {i + 1 === d.n ? (
                      <span aria-current="page" lang={lang}>
                        {c.title ?? d.consultationTitle}
                      </span>
                    ) : (
                      <Link className="govuk-link" to={c.href} lang={lang}>
                        {c.title ?? d.consultationTitle}
                      </Link>
                    )}
                  </li>
                ))}
              </ol>
            </nav>
          </div>
        ) : null}
      </div>
    </>
  );
}

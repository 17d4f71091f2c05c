import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { formatP, groupSentence } from "../domain/themes/group-sentence";
import { pageLocale } from "../i18n/i18n.server";
import { useTranslation } from "../i18n/use-translation";
import { GROUP_BASES, themeGroups, type GroupBasis } from "../services/theme-groups.server";
import { BackLink, Button, Table } from "../ui/components";
import { Radios } from "../ui/fields";
import { ThemesNav } from "../ui/themes";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => t("themes:groups.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const questionId = z.coerce.number().int().positive().safeParse(args.params.questionId);
  if (!questionId.success || !/^\d+$/.test(args.params.questionId ?? "")) throw new Response("Not Found", { status: 404 });
  const requested = new URL(args.request.url).searchParams.get("basis") ?? "person";
  const basis: GroupBasis = (GROUP_BASES as readonly string[]).includes(requested) ? (requested as GroupBasis) : "person";
  const locale = pageLocale(args.request);
  const view = await themeGroups(args.context.db, consultation.id, questionId.data, basis, locale);
  if (!view) throw new Response("Not Found", { status: 404 });
  return json({ consultation: { slug: consultation.slug, title: consultation.title }, view });
}

function groupLabel(t: TFunction, g: string) {
  return g === "not-stated" ? t("participation:participation.notRecorded") : t(`participation:stakeholderGroup.${g}`, { defaultValue: g });
}

export default function ThemeGroups() {
  const { t, i18n } = useTranslation("themes");
  const { consultation, view } = useLoaderData<typeof loader>();
  const locale = i18n.language;
  const num = new Intl.NumberFormat(locale);
  const pct = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const dec = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const used = view.counts[view.basis];
  const rowH = 22;
  const themeH = 30 + view.groups.length * rowH;
  const chartH = Math.max(40, view.themes.length * themeH + 10);
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/themes/${view.question.id}`}>{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("groups.heading")}</h1>
      <ThemesNav slug={consultation.slug} questionId={view.question.id} current="groups" />
      <p className="govuk-body" data-testid="question">
        {t("groups.question", { round: view.question.roundNumber, text: view.question.text })}
      </p>
      <Form method="get" className="govuk-!-margin-bottom-6">
        <Radios
          name="basis"
          legend={t("groups.basisLegend")}
          small
          defaultValue={view.basis}
          items={[
            {
              value: "person",
              label: t("groups.basisPerson"),
              hint: t("groups.basisCount", { count: view.counts.person, formatted: num.format(view.counts.person) }),
            },
            {
              value: "machine",
              label: t("groups.basisMachine"),
              hint: t("groups.basisCount", { count: view.counts.machine, formatted: num.format(view.counts.machine) }),
            },
          ]}
        />
        <Button variant="secondary">{t("groups.update")}</Button>
      </Form>
      <p className="govuk-body" data-testid="basis-used">
        {t(view.basis === "person" ? "groups.usedPerson" : "groups.usedMachine", { count: used, formatted: num.format(used) })}
      </p>
      {view.themes.length === 0 || used === 0 ? (
        <p className="govuk-body" data-testid="no-codings">
          {view.themes.length === 0 ? t("groups.noThemes") : t("groups.noCodings")}
        </p>
      ) : (
        <>
          <h2 className="govuk-heading-m" id="chart-heading">
            {t("groups.chartHeading")}
          </h2>
          <div className="app-table-scroll" role="region" aria-labelledby="chart-heading" tabIndex={0} data-testid="chart-region">
            <svg
              role="img"
              aria-label={t("groups.chartLabel")}
              viewBox={`0 0 600 ${chartH}`}
              width="600"
              height={chartH}
              className="app-groups-chart"
              data-testid="groups-chart"
            >
              {view.themes.map((th, i) => {
                const y0 = i * themeH;
                return (
                  <g key={th.id}>
                    <text x="0" y={y0 + 20} fontSize="16" fontWeight="bold" fill="#0b0c0c">
                      {th.name.length > 60 ? `${th.name.slice(0, 59)}…` : th.name}
                    </text>
                    {th.result.groups.map((g, k) => {
                      const y = y0 + 30 + k * rowH;
                      const w = Math.round(g.share * 300);
                      return (
                        <g key={g.group}>
                          <text x="0" y={y + 15} fontSize="14" fill="#0b0c0c">
                            {groupLabel(t, g.group)}
                          </text>
                          <rect x="150" y={y + 3} width={w} height="16" fill="#1d70b8" />
                          <text x={156 + w} y={y + 15} fontSize="14" fill="#0b0c0c">
                            {pct.format(g.share)}
                          </text>
                        </g>
                      );
                    })}
                  </g>
                );
              })}
            </svg>
          </div>
          {view.themes.map((th) => {
            const s = groupSentence(th.result);
            const test =
              th.result.test.method === "fisher-exact"
                ? t("groups.fisher", { p: formatP(th.result.test.p, locale) })
                : t("groups.chi", { statistic: dec.format(th.result.test.statistic ?? 0), df: th.result.test.df ?? 0, p: formatP(th.result.test.p, locale) });
            return (
              <section key={th.id} className="govuk-!-margin-bottom-6" data-testid="theme-groups" aria-labelledby={`theme-${th.id}`}>
                <h2 className="govuk-heading-m" id={`theme-${th.id}`}>
                  {th.name}
                </h2>
                <p className="govuk-body" data-testid="sentence">
                  {s.key === "none"
                    ? t("groups.sentenceNone")
                    : s.key === "even"
                      ? t(s.chance ? "groups.sentenceEvenChance" : "groups.sentenceEven", { p: formatP(s.p, locale) })
                      : t(s.chance ? "groups.sentenceMoreChance" : "groups.sentenceMore", {
                          group: groupLabel(t, s.group),
                          lift: dec.format(s.lift),
                          p: formatP(s.p, locale),
                        })}
                </p>
                <Table
                  caption={t("groups.tableCaption", { theme: th.name })}
                  head={[t("groups.col.group"), t("groups.col.answers"), t("groups.col.withTheme"), t("groups.col.share"), t("groups.col.lift")]}
                  numericColumns={[1, 2, 3, 4]}
                  rows={[
                    ...th.result.groups.map((g) => [
                      groupLabel(t, g.group),
                      num.format(g.answers),
                      num.format(g.withTheme),
                      pct.format(g.share),
                      Number.isFinite(g.lift) ? dec.format(g.lift) : "–",
                    ]),
                    [t("groups.all"), num.format(used), num.format(th.withTheme), pct.format(th.result.overallShare), "–"],
                  ]}
                />
                <p className="govuk-body-s" data-testid="test">
                  {test}
                  {th.result.test.smallExpected && th.result.test.method === "chi-square" ? ` ${t("groups.approximate")}` : ""}
                </p>
              </section>
            );
          })}
        </>
      )}
    </>
  );
}

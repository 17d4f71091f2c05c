import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireCommissioner, versionParam } from "../auth/outcome-set-access.server";
import { comparisonPage } from "../services/outcome-sets.server";
import { BackLink, SummaryList, Table } from "../ui/components";
import { StatusTag } from "../ui/outcome-sets";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { from?: { version: number }; to?: { version: number } } | undefined;
    return t("commissioner:compare.title", { from: d?.from?.version ?? "", to: d?.to?.version ?? "" });
  },
};

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, locale } = await requireCommissioner(args);
  const q = new URL(args.request.url).searchParams;
  const from = versionParam(q.get("from"));
  const to = versionParam(q.get("to"));
  const page = await comparisonPage(args.context.db, { consultation, locale, from, to });
  if (!page) throw new Response("Not Found", { status: 404 });
  return json(page);
}

export default function Compare() {
  const { t } = useTranslation("commissioner");
  const { consultation, from, to, changes, histories } = useLoaderData<typeof loader>();
  const shown = (field: string, value: string) =>
    field === "included" ? (value === "true" ? t("framework.yes") : value === "false" ? t("framework.no") : value) : value || "–";
  return (
    <>
      <BackLink to={`/consultations/${consultation.slug}/framework`}>{t("common:common.back")}</BackLink>
      <span className="govuk-caption-l">{consultation.title}</span>
      <h1 className="govuk-heading-l">{t("compare.heading", { from: from.version, to: to.version })}</h1>
      <div className="govuk-grid-row">
        {[from, to].map((v) => (
          <div className="govuk-grid-column-one-half" key={v.version}>
            <h2 className="govuk-heading-m">{t("compare.option", { version: v.version })}</h2>
            <SummaryList
              rows={[
                { key: t("framework.status"), value: <StatusTag status={v.status} /> },
                { key: t("framework.createdBy"), value: t("framework.byAt", { name: v.createdByName, at: v.createdAt }) },
                ...(v.updatedAt ? [{ key: t("framework.updatedBy"), value: t("framework.byAt", { name: v.updatedByName, at: v.updatedAt }) }] : []),
                { key: t("framework.changeReason"), value: v.changeReason || "–" },
                ...(v.agreedAt ? [{ key: t("compare.agreedAt"), value: v.agreedAt }] : []),
              ]}
            />
          </div>
        ))}
      </div>
      {changes.length === 0 ? (
        <p className="govuk-body" data-testid="no-changes">
          {t("compare.none")}
        </p>
      ) : (
        <Table
          caption={t("compare.caption", { number: changes.length })}
          head={[t("compare.what"), t("compare.before"), t("compare.after"), t("compare.why")]}
          rows={changes.map((c) => [
            <span key="w" data-testid="change">
              {c.code ? `${c.code}: ` : ""}
              {t(`compare.field.${c.field}`)}
            </span>,
            shown(c.field, c.before),
            shown(c.field, c.after),
            c.reason || "–",
          ])}
        />
      )}
      {histories.map((h) => (
        <Table
          key={h.version}
          caption={t("history.caption", { version: h.version })}
          head={[t("history.when"), t("history.who"), t("history.what"), t("history.detail")]}
          rows={h.entries.map((e) => [
            e.at,
            e.name,
            `${t(`history.action.${e.action}`, { defaultValue: e.action })}${e.code ? ` (${e.code})` : ""}`,
            e.detail || "–",
          ])}
        />
      ))}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/consultations/${consultation.slug}/framework?version=${to.version}`}>
          {t("compare.open", { version: to.version })}
        </Link>
      </p>
    </>
  );
}

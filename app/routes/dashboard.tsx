import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../auth/guards.server";
import { pageLocale } from "../i18n/i18n.server";
import { dashboardPartnerships } from "../services/consultations.server";
import { Table, Tag } from "../ui/components";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = { title: (t) => t("dashboard.title") };

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireUser(args);
  return json({ displayName: user.displayName, partnerships: await dashboardPartnerships(args.context.db, user.memberships, pageLocale(args.request)) });
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { t: to } = useTranslation("officer");
  const { t: tp } = useTranslation("participation");
  const { t: tc } = useTranslation("commissioner");
  const { displayName, partnerships } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 className="govuk-heading-l">{t("dashboard.heading", { name: displayName })}</h1>
      {partnerships.length === 0 ? <p className="govuk-body">{t("dashboard.noRoles")}</p> : null}
      {partnerships.map((p) => (
        <section key={p.slug} className="govuk-!-margin-bottom-8" aria-labelledby={`p-${p.slug}`}>
          <h2 className="govuk-heading-m" id={`p-${p.slug}`}>
            {p.name}
          </h2>
          <p className="govuk-body">
            {t("dashboard.yourRoles")} {p.roles.map((r) => t(`roles.${r}`)).join(", ")}
          </p>
          <h3 className="govuk-heading-s">{t("dashboard.whatYouCanDo")}</h3>
          <ul className="govuk-list govuk-list--bullet" data-testid={`can-do-${p.slug}`}>
            {p.roles.includes("administrator") ? (
              <li>
                <Link className="govuk-link" to={`/partnerships/${p.slug}/users`}>
                  {t("dashboard.admin.manageUsers")}
                </Link>{" "}
                – {t("dashboard.admin.manageUsersHint")}
              </li>
            ) : null}
            {p.roles.includes("administrator") ? (
              <li>
                <Link className="govuk-link" to={`/partnerships/${p.slug}/sign-in`}>
                  {t("dashboard.admin.signIn")}
                </Link>{" "}
                – {t("dashboard.admin.signInHint")}
              </li>
            ) : null}
            {p.roles.includes("officer") ? (
              <li>
                <Link className="govuk-link" to={`/consultations/new?partnership=${p.slug}`}>
                  {to("dashboard.create")}
                </Link>{" "}
                – {t("dashboard.officer.runConsultations")}
              </li>
            ) : null}
            {p.roles.includes("officer") ? (
              <li>
                <Link className="govuk-link" to={`/partnerships/${p.slug}/groups`}>
                  {tp("dashboard.groups")}
                </Link>{" "}
                – {tp("dashboard.groupsHint")}
              </li>
            ) : null}
            {p.roles.includes("commissioner") ? <li>{t("dashboard.commissioner.reviewFrameworks")}</li> : null}
          </ul>
          {p.roles.includes("officer") || p.roles.includes("commissioner") ? (
            p.consultations.length === 0 ? (
              <p className="govuk-body">{t("dashboard.noConsultations")}</p>
            ) : (
              <Table
                caption={t("dashboard.consultationsCaption", { partnership: p.name })}
                head={[
                  t("dashboard.table.title"),
                  t("dashboard.table.status"),
                  to("dashboard.opens"),
                  t("dashboard.table.closes"),
                  to("dashboard.responses"),
                  t("dashboard.table.outcomes"),
                  t("dashboard.table.results"),
                ]}
                rows={p.consultations.map((c) => [
                  <Link key="t" className="govuk-link" to={`/consultations/${c.slug}`}>
                    {c.title}
                  </Link>,
                  <Tag key="s" colour={c.status === "open" ? "green" : "grey"}>
                    {t(`consultation.status.${c.status}`)}
                  </Tag>,
                  c.opens ?? t("common.notSet"),
                  c.closes ?? t("common.notSet"),
                  <ul key="n" className="govuk-list">
                    {c.rounds.map((r) => (
                      <li key={r.number}>{to("dashboard.roundResponses", { number: r.number, n: r.responses, status: to(`roundStatus.${r.status}`) })}</li>
                    ))}
                  </ul>,
                  <Link key="o" className="govuk-link" to={`/consultations/${c.slug}/outcomes`}>
                    {t("dashboard.table.outcomes")}
                    <span className="govuk-visually-hidden"> – {c.title}</span>
                  </Link>,
                  c.status === "draft" ? (
                    "–"
                  ) : (
                    <ul key="r" className="govuk-list">
                      <li>
                        <Link className="govuk-link" to={`/consultations/${c.slug}/results`}>
                          {t("dashboard.table.results")}
                          <span className="govuk-visually-hidden"> – {c.title}</span>
                        </Link>
                      </li>
                      <li>
                        <Link className="govuk-link" to={`/consultations/${c.slug}/${p.roles.includes("officer") ? "invitations" : "moderation"}`}>
                          {tp("dashboard.panelLink")}
                          <span className="govuk-visually-hidden"> – {c.title}</span>
                        </Link>
                      </li>
                      {p.roles.includes("officer") && (c.status === "closed" || c.status === "published") ? (
                        <li>
                          <Link className="govuk-link" to={`/consultations/${c.slug}/publication`}>
                            {t("publication:workflow.dashboardLink")}
                            <span className="govuk-visually-hidden"> – {c.title}</span>
                          </Link>
                        </li>
                      ) : null}
                    </ul>
                  ),
                ])}
              />
            )
          ) : null}
          {(p.roles.includes("commissioner") || p.roles.includes("officer")) && p.consultations.some((c) => c.status !== "draft") ? (
            <>
              <h3 className="govuk-heading-s">{tc("dashboard.heading")}</h3>
              <ul className="govuk-list" data-testid={`outcome-sets-${p.slug}`}>
                {p.consultations
                  .filter((c) => c.status !== "draft")
                  .map((c) => (
                    <li key={c.slug}>
                      {p.roles.includes("commissioner") ? (
                        <Link className="govuk-link" to={`/consultations/${c.slug}/framework`}>
                          {tc("dashboard.outcomeSet", { title: c.title })}
                        </Link>
                      ) : (
                        <Link className="govuk-link" to={`/consultations/${c.slug}/signatories`}>
                          {tc("dashboard.signatories", { title: c.title })}
                        </Link>
                      )}
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
          {p.consultations
            .filter((c) => c.participation)
            .map((c) => (
              <details className="govuk-details" key={c.slug}>
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">{to("dashboard.rateSummary", { title: c.title })}</span>
                </summary>
                <div className="govuk-details__text">
                  <Table
                    caption={to("overview.participationCaption", { number: c.participation!.round })}
                    head={[to("overview.col.group"), to("overview.col.members"), to("overview.col.responded"), to("overview.col.rate")]}
                    numericColumns={[1, 2, 3]}
                    rows={c.participation!.groups.map((g) => [
                      t(`results.group.${g.group}`),
                      String(g.members),
                      String(g.responded),
                      g.rate === null ? "–" : `${g.rate}%`,
                    ])}
                  />
                </div>
              </details>
            ))}
        </section>
      ))}
    </>
  );
}

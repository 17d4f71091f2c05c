import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { Button, Table } from "../components";
import { Textarea } from "../fields";
import { StaleRoundsWarning } from "./index";
import type { OutcomeSetPageData, OutcomeSetView } from "./types";

/** What can be done next with the version shown: what blocks proposal, propose, sign or withdraw, start a new version. */
export function OutcomeSetActions({
  data,
  set,
  errors,
  values,
}: {
  data: OutcomeSetPageData;
  set: OutcomeSetView;
  errors: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { t } = useTranslation("commissioner");
  const working = set.status === "draft" && set.isLatest;
  return (
    <div id="framework-actions" tabIndex={-1}>
      {working ? (
        set.problems.length ? (
          <>
            <h2 className="govuk-heading-m">{t("problems.heading")}</h2>
            <ul className="govuk-list govuk-list--bullet" data-testid="problems">
              {set.problems.map((p, k) => (
                <li key={k}>
                  {t(`problems.${p.key}`, { code: p.code ?? "", statement: p.code ? set.statements[p.code] : "", total: p.total?.toFixed(2) ?? "" })}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Form method="post">
            <h2 className="govuk-heading-m">{t("propose.heading")}</h2>
            <StaleRoundsWarning slug={data.consultation.slug} stale={data.study.stale} when="propose" />

            <p className="govuk-body">{t("propose.intro", { organisations: data.signatories.join(", ") || t("framework.noSignatories") })}</p>
            <input type="hidden" name="intent" value="propose" />
            <input type="hidden" name="version" value={set.version} />
            <Button>{t("propose.submit")}</Button>
          </Form>
        )
      ) : null}
      {set.status !== "draft" ? (
        <Table
          caption={t("sign.caption")}
          head={[t("sign.organisation"), t("sign.signer"), t("sign.signedAt")]}
          rows={set.signatures.map((s) => [s.organisation, s.signer ?? t("sign.notYet"), s.signedAt ?? "–"])}
        />
      ) : null}
      {set.status === "proposed" ? (
        <>
          {set.canSign ? (
            <Form method="post">
              <p className="govuk-body">{t("sign.declaration", { organisation: data.organisation ?? "" })}</p>
              <input type="hidden" name="intent" value="sign" />
              <input type="hidden" name="version" value={set.version} />
              <Button>{t("sign.submit", { organisation: data.organisation ?? "" })}</Button>
            </Form>
          ) : (
            <p className="govuk-body">{t("sign.cannot")}</p>
          )}
          <Form method="post">
            <input type="hidden" name="intent" value="withdraw" />
            <input type="hidden" name="version" value={set.version} />
            <Button variant="secondary">{t("sign.withdraw")}</Button>
          </Form>
        </>
      ) : null}
      {set.status === "agreed" && set.isLatest ? (
        <Form method="post" noValidate>
          <h2 className="govuk-heading-m">{t("newVersion.heading")}</h2>
          <p className="govuk-body">{t("newVersion.intro")}</p>
          <input type="hidden" name="intent" value="new-version" />
          <Textarea name="reason" label={t("newVersion.reason")} hint={t("newVersion.reasonHint")} error={errors.reason} defaultValue={values?.reason} />
          <Button variant="secondary">{t("newVersion.submit")}</Button>
        </Form>
      ) : null}
    </div>
  );
}

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { withdraw } from "../services/journey.server";
import { limitPosts, privateHeaders, requireJourney } from "../auth/journey-route.server";
import { BackLink, Button, WarningText } from "../ui/components";
import { PreviewBanner } from "../ui/journey";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (t) => t("citizen:withdraw.title") };

/** Withdrawing deletes the participant's response to this round, while the round is open. */
export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  if (!j.response) throw redirect(j.base);
  return json({ base: j.base, open: j.open, reference: j.response.reference, mode: j.mode, roundNumber: j.round?.number ?? null }, { headers: privateHeaders });
}

export async function action(args: ActionFunctionArgs) {
  await args.request.formData();
  const j = await requireJourney(args);
  await limitPosts(args.request, "post", j.participant?.id);
  const result = await withdraw(args.context.db, j);
  if (!result.ok && result.reason === "closed") throw redirect(`${j.base}/withdraw`);
  return redirect(`${j.base}/withdrawn`);
}

export default function WithdrawPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("citizen");
  return (
    <>
      <BackLink to={`${d.base}/done`}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {d.mode === "preview" ? <PreviewBanner roundNumber={d.roundNumber} /> : null}
          <h1 className="govuk-heading-l">{t("withdraw.title")}</h1>
          {d.open ? (
            <>
              <p className="govuk-body">{t("withdraw.body", { reference: d.reference })}</p>
              <WarningText assistive={t("withdraw.warningPrefix")}>{t("withdraw.warning")}</WarningText>
              <Form method="post">
                <div className="govuk-button-group">
                  <Button variant="warning">{t("withdraw.submit")}</Button>
                  <Link className="govuk-link" to={`${d.base}/done`}>
                    {t("withdraw.cancel")}
                  </Link>
                </div>
              </Form>
            </>
          ) : (
            <p className="govuk-body">{t("withdraw.closed")}</p>
          )}
        </div>
      </div>
    </>
  );
}

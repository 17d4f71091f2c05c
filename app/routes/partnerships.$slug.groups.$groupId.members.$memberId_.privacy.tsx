import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireGroupMember } from "../auth/advisory-group-access.server";
import { eraseMember } from "../services/privacy.server";
import { BackLink, Button, NotificationBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm } from "../utils/forms";

export const handle: RouteHandle = { title: (t) => t("privacy:member.title") };

export async function loader(args: LoaderFunctionArgs) {
  const { partnership, group, member } = await requireGroupMember(args);
  const base = `/partnerships/${partnership.slug}/groups/${group.id}`;
  return json({
    groupPath: base,
    memberPath: `${base}/members/${member.id}`,
    name: member.displayName,
    erased: member.email == null && member.displayName.startsWith("Erased member"),
    left: member.leftAt != null,
  });
}

const eraseSchema = z.object({ confirm: z.literal("yes", { error: "member.errors.confirm" }) });

export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData();
  const { partnership, group, member, actor } = await requireGroupMember(args);
  if (form.get("intent") !== "erase") return fail({ confirm: "member.errors.confirm" });
  const parsed = parseForm(form, eraseSchema);
  if (!parsed.ok) return fail(parsed.errors, parsed.values);
  await eraseMember(args.context.db, { actor, memberId: member.id }, new Date());
  return redirect(`/partnerships/${partnership.slug}/groups/${group.id}/members/${member.id}/privacy?erased=1`);
}

export default function MemberPrivacy() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<{ errors?: Record<string, string> }>();
  const { t } = useTranslation("privacy");
  const [params] = useSearchParams();
  const errors = useTranslatedErrors(a?.errors, "privacy");
  return (
    <>
      <BackLink to={d.left ? d.groupPath : d.memberPath}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary errors={errors} />
          {params.get("erased") ? (
            <NotificationBanner title={t("member.doneTitle")} success>
              <p className="govuk-notification-banner__heading">{t("member.erasedBanner")}</p>
            </NotificationBanner>
          ) : null}
          <span className="govuk-caption-l">{d.name}</span>
          <h1 className="govuk-heading-l">{t("member.title")}</h1>
          <h2 className="govuk-heading-m">{t("member.accessHeading")}</h2>
          <p className="govuk-body">{t("member.accessText")}</p>
          <p className="govuk-body">
            <a className="govuk-link" href={`${d.memberPath}/data.json`} download>
              {t("member.download")}
            </a>
          </p>
          <h2 className="govuk-heading-m">{t("member.eraseHeading")}</h2>
          {d.erased ? (
            <p className="govuk-body">{t("member.alreadyErased")}</p>
          ) : (
            <>
              <p className="govuk-body">{t("member.eraseText")}</p>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="erase" />
                <Checkboxes
                  name="confirm"
                  legend={t("member.confirmLegend")}
                  items={[{ value: "yes", label: t("member.confirmLabel") }]}
                  error={errors?.confirm}
                  small
                />
                <Button variant="warning">{t("member.eraseButton")}</Button>
              </Form>
            </>
          )}
        </div>
      </div>
    </>
  );
}

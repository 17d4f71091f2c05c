import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { isOfficerOf } from "../auth/round-access.server";
import { listCommissioningOrganisations, listSignatories, setSignatories } from "../services/outcome-sets.server";
import { BackLink, Button, SuccessBanner } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Checkboxes } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) =>
    t("commissioner:signatories.title", { consultation: (data as { consultation?: { title: string } } | undefined)?.consultation?.title ?? "" }),
};

/** Officers name who must sign; commissioners of the partnership may see who was named. */
export async function loader(args: LoaderFunctionArgs) {
  const { consultation, user } = await requireConsultationRole(args, ["officer", "commissioner"]);
  const db = args.context.db;
  return json({
    consultation: { slug: consultation.slug, title: consultation.title },
    organisations: await listCommissioningOrganisations(db, consultation.partnershipId),
    selected: (await listSignatories(db, consultation.id)).map((s) => String(s.organisationId)),
    canEdit: isOfficerOf(user, consultation.partnershipId),
  });
}

export async function action(args: ActionFunctionArgs) {
  const { consultation, actor } = await requireConsultationRole(args, ["officer"]);
  const db = args.context.db;
  const allowed = new Set((await listCommissioningOrganisations(db, consultation.partnershipId)).map((o) => String(o.id)));
  const form = await args.request.formData();
  const schema = z
    .array(z.string().refine((v) => allowed.has(v), "signatories.errors.unknown"))
    .min(1, "signatories.errors.none")
    .max(50, "signatories.errors.unknown");
  const raw = form.getAll("organisations").map(String);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return fail({ organisations: parsed.error.issues[0].message }, { organisations: raw.filter((v) => allowed.has(v)) });
  }
  const ids = [...new Set(parsed.data.map(Number))];
  await setSignatories(db, { actor, consultationId: consultation.id, organisationIds: ids }, new Date());
  return redirect(`/consultations/${consultation.slug}/signatories?notice=saved`);
}

export default function Signatories() {
  const { t } = useTranslation("commissioner");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "commissioner");
  const selected = actionData?.values.organisations ?? data.selected;
  const names = data.organisations.filter((o) => data.selected.includes(String(o.id))).map((o) => o.name);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
        <ErrorSummary errors={errors} fieldIds={{ organisations: "organisations" }} />
        {search.get("notice") === "saved" && !actionData ? <SuccessBanner message={t("signatories.saved")} /> : null}
        <span className="govuk-caption-l">{data.consultation.title}</span>
        <h1 className="govuk-heading-l">{t("signatories.heading")}</h1>
        <p className="govuk-body">{t("signatories.intro")}</p>
        {data.canEdit ? (
          <Form method="post" noValidate>
            <Checkboxes
              name="organisations"
              legend={t("signatories.legend")}
              hint={t("signatories.hint")}
              error={errors.organisations}
              defaultValues={selected}
              items={data.organisations.map((o) => ({ value: String(o.id), label: o.name }))}
            />
            <Button>{t("signatories.save")}</Button>
          </Form>
        ) : names.length ? (
          <ul className="govuk-list govuk-list--bullet" data-testid="signatories">
            {names.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">{t("signatories.noneNamed")}</p>
        )}
      </div>
    </div>
  );
}

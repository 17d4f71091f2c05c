import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { z } from "zod";
import { requirePartnershipOfficer } from "../auth/advisory-group-access.server";
import { createGroup, listGroups } from "../services/advisory-groups.server";
import { BackLink, Button, SuccessBanner, Table } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Textarea, TextInput } from "../ui/fields";
import type { RouteHandle } from "../ui/title";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail, parseForm, runIntent } from "../utils/forms";

export const handle: RouteHandle = {
  title: (t, data) => t("participation:groups.title", { partnership: (data as { partnership?: { name: string } } | undefined)?.partnership?.name ?? "" }),
};

export async function loader(args: LoaderFunctionArgs) {
  const { partnership } = await requirePartnershipOfficer(args);
  return json({ partnership, groups: await listGroups(args.context.db, partnership.id) });
}

const schema = z.object({
  name: z
    .string({ error: "participation:groups.errors.nameRequired" })
    .trim()
    .min(1, "participation:groups.errors.nameRequired")
    .max(120, "participation:groups.errors.nameTooLong"),
  description: z.string().trim().max(2000, "participation:groups.errors.descriptionTooLong").optional().default(""),
});

export async function action(args: ActionFunctionArgs) {
  const { partnership, actor } = await requirePartnershipOfficer(args);
  return await runIntent(
    await args.request.formData(),
    {
      async create(form) {
        const parsed = parseForm(form, schema);
        if (!parsed.ok) return fail(parsed.errors, parsed.values);
        const created = await createGroup(args.context.db, { actor, ...parsed.data }, new Date());
        if (!created.ok) return fail({ name: "participation:groups.errors.nameTaken" }, { name: parsed.data.name, description: parsed.data.description });
        return redirect(`/partnerships/${partnership.slug}/groups/${created.value}?created=1`);
      },
    },
    null,
  );
}

export default function Groups() {
  const { t } = useTranslation("participation");
  const { partnership, groups } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const errors = useTranslatedErrors(actionData?.errors, "participation");
  const values: Record<string, string> = actionData?.values ?? {};
  return (
    <>
      <BackLink to="/dashboard">{t("common:common.back")}</BackLink>
      <ErrorSummary errors={errors} />
      {search.get("created") ? <SuccessBanner message={t("groups.created")} /> : null}
      <span className="govuk-caption-l">{partnership.name}</span>
      <h1 className="govuk-heading-l">{t("groups.heading")}</h1>
      <p className="govuk-body">{t("groups.intro")}</p>
      {groups.length === 0 ? (
        <p className="govuk-body" data-testid="no-groups">
          {t("groups.none")}
        </p>
      ) : (
        <Table
          caption={t("groups.caption", { count: groups.length })}
          head={[t("groups.col.name"), t("groups.col.members")]}
          numericColumns={[1]}
          rows={groups.map((g) => [
            <Link key="n" className="govuk-link" to={`/partnerships/${partnership.slug}/groups/${g.id}`}>
              {g.name}
            </Link>,
            String(g.members),
          ])}
        />
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">{t("groups.create.heading")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="create" />
            <TextInput name="name" label={t("groups.create.name")} defaultValue={values.name} error={errors.name} />
            <Textarea
              name="description"
              label={t("groups.create.description")}
              hint={t("groups.create.descriptionHint")}
              optional
              defaultValue={values.description}
              error={errors.description}
              rows={3}
            />
            <Button>{t("groups.create.submit")}</Button>
          </Form>
        </div>
      </div>
    </>
  );
}

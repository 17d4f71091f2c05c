/**
 * Removing a translation of a consultation's text asks first, on its own page (works without
 * JavaScript): a blank Save on the locale editor is an error, never a deletion.
 */
import { redirect, json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireConsultationRole } from "../auth/consultation-access.server";
import { LOCALE_NAMES, SUPPORTED_LOCALES } from "../i18n/config";
import { useTranslation } from "../i18n/use-translation";
import { listConsultationTranslations } from "../services/consultations.server";
import { saveTranslation } from "../services/consultations.server";
import { BackLink, Button } from "../ui/components";
import type { RouteHandle } from "../ui/title";

export const handle: RouteHandle = {
  title: (t, data) => {
    const d = data as { consultation?: { title: string }; languageName?: string } | undefined;
    return t("officer:text.removeTitle", { consultation: d?.consultation?.title ?? "", language: d?.languageName ?? "" });
  },
};

// English is always kept: it is what every other language falls back to.
const localeParam = z.object({ locale: z.enum(SUPPORTED_LOCALES).exclude(["en"]) });

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const access = await requireConsultationRole(args, ["officer"]);
  const p = localeParam.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const exists = (await listConsultationTranslations(args.context.db, access.consultation.id)).some((t) => t.locale === p.data.locale);
  if (!exists) throw new Response("Not Found", { status: 404 });
  return { ...access, target: p.data.locale };
}

export async function loader(args: LoaderFunctionArgs) {
  const { consultation, target } = await load(args);
  return json({ consultation: { slug: consultation.slug, title: consultation.title }, target, languageName: LOCALE_NAMES[target] });
}

export async function action(args: ActionFunctionArgs) {
  await args.request.formData();
  const { consultation, actor, target } = await load(args);
  await saveTranslation(args.context.db, { actor, consultationId: consultation.id, locale: target, text: null }, new Date());
  return redirect(`/consultations/${consultation.slug}?saved=${target}`);
}

export default function RemoveTranslation() {
  const { t } = useTranslation("officer");
  const d = useLoaderData<typeof loader>();
  const editor = `/consultations/${d.consultation.slug}/edit/${d.target}`;
  return (
    <>
      <BackLink to={editor}>{t("common:common.back")}</BackLink>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{d.consultation.title}</span>
          <h1 className="govuk-heading-l">{t("text.removeHeading", { language: d.languageName })}</h1>
          <p className="govuk-body">{t("text.removeBody", { language: d.languageName })}</p>
          <Form method="post" className="govuk-button-group">
            <Button variant="warning">{t("text.removeConfirm", { language: d.languageName })}</Button>
            <Link className="govuk-link" to={editor}>
              {t("text.removeCancel")}
            </Link>
          </Form>
        </div>
      </div>
    </>
  );
}

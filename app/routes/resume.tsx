import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { normaliseResumeCode } from "../domain/survey/journey";
import { findByResumeCode, participantCookie } from "../services/journey.server";
import { checkHoneypot, formInput, limitPosts } from "../auth/journey-route.server";
import { Button } from "../ui/components";
import { ErrorSummary } from "../ui/ErrorSummary";
import { useTranslatedErrors } from "../ui/use-translated-errors";
import { fail } from "../utils/forms";
import { TextInput } from "../ui/fields";
import { Honeypot } from "../ui/journey";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (t) => t("citizen:resume.title") };

export function loader() {
  return json({}, { headers: { "Cache-Control": "private, no-store" } });
}

/**
 * Another device: the resume code shown to an anonymous participant (it is the token in their
 * cookie; only its hash is stored). A correct code gives this device the same cookie and returns
 * to the consultation, which offers the first unanswered question. Attempts are rate limited.
 */
export async function action(args: ActionFunctionArgs) {
  const { request } = args;
  const raw = await request.formData();
  await limitPosts(request, "start");
  checkHoneypot(raw);
  const form = formInput(raw);
  const typed = typeof form.code === "string" ? form.code : "";
  const code = normaliseResumeCode(typed);
  if (code === "") return fail({ code: "resume.errorRequired" }, { code: typed.slice(0, 100) });
  const db = args.context.db;
  const participant = await findByResumeCode(db, code);
  if (!participant) return fail({ code: "resume.errorWrong" }, { code: typed.slice(0, 100) });
  // The code is the participant's token: this device now holds it too.
  return redirect(`/s/${participant.slug}`, { headers: { "Set-Cookie": participantCookie(participant.consultationId, code) } });
}

export default function ResumePage() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("citizen");
  const errors = useTranslatedErrors(actionData?.errors, "citizen");
  const error = errors.code;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <Form method="post" noValidate>
          <Honeypot />
          <TextInput
            name="code"
            label={t("resume.title")}
            hint={t("resume.hint")}
            error={error}
            isPageHeading
            autoComplete="off"
            spellCheck={false}
            width="20"
            defaultValue={actionData?.values?.code ?? ""}
          />
          <Button>{t("common:common.continue")}</Button>
        </Form>
      </div>
    </div>
  );
}

import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { privateHeaders, requireJourney } from "../auth/journey-route.server";
import type { RouteHandle } from "../ui/title";

export { journeyHeaders as headers } from "../auth/journey-route.server";

export const handle: RouteHandle = { title: (t) => t("citizen:withdrawn.title") };

export async function loader(args: LoaderFunctionArgs) {
  const j = await requireJourney(args);
  return json({ base: j.base, open: j.open && !j.response }, { headers: privateHeaders });
}

export default function WithdrawnPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation("citizen");
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">{t("withdrawn.title")}</h1>
        <p className="govuk-body">{t("withdrawn.body")}</p>
        {d.open ? (
          <p className="govuk-body">
            <Link className="govuk-link" to={d.base}>
              {t("withdrawn.again")}
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { servePublished } from "../services/published-pages.server";
import { renderPublished } from "../ui/publication/render.server";

/** Public and the same for everyone: served from the cache of published versions (ETag, 304). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  return await servePublished(context.db, request, params, "page", renderPublished);
}

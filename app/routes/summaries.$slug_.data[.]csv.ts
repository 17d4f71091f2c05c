import type { LoaderFunctionArgs } from "@remix-run/node";
import { servePublished } from "../ui/publication/render.server";

/** Public and the same for everyone: served from the cache of published versions (ETag, 304). */
export function loader({ request, params }: LoaderFunctionArgs) {
  return servePublished(request, params, "csv");
}

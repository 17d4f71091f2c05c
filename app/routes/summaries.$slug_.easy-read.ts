import type { LoaderFunctionArgs } from "@remix-run/node";
import { servePublished } from "../ui/publication/render.server";

/** Public and the same for everyone: served from the cache of published versions (ETag, 304). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return await servePublished(request, params, "easy-read");
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { outcomeSetDownload } from "../auth/outcome-set-access.server";

/** One outcome-set version mapped to the INDIGO data standard (docs/indigo-mapping.md). */
export async function loader(args: LoaderFunctionArgs) {
  return await outcomeSetDownload(args, "indigo");
}

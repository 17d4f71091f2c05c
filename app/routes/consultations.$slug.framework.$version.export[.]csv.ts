import type { LoaderFunctionArgs } from "@remix-run/node";
import { outcomeSetDownload } from "../auth/outcome-set-access.server";

/** One outcome-set version as CSV (commissioners of the partnership; streamed). */
export async function loader(args: LoaderFunctionArgs) {
  return await outcomeSetDownload(args, "csv");
}

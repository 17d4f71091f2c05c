import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvResponse, loadExport } from "../services/framework-export.server";

/** One outcome-set version as CSV (commissioners of the partnership; streamed). */
export async function loader(args: LoaderFunctionArgs) {
  const { doc, name } = await loadExport(args, "csv");
  return csvResponse(doc, name);
}

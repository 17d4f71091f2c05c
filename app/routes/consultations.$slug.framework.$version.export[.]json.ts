import type { LoaderFunctionArgs } from "@remix-run/node";
import { jsonResponse, loadExport } from "../services/framework-export.server";

/** One outcome-set version as JSON (commissioners of the partnership; streamed). */
export async function loader(args: LoaderFunctionArgs) {
  const { doc, name } = await loadExport(args, "json");
  return jsonResponse(doc, name);
}

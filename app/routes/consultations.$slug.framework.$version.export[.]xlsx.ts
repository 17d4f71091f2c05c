import type { LoaderFunctionArgs } from "@remix-run/node";
import { xlsxResponse, loadExport } from "../services/framework-export.server";

/** One outcome-set version as XLSX (commissioners of the partnership; streamed). */
export async function loader(args: LoaderFunctionArgs) {
  const { doc, name } = await loadExport(args, "xlsx");
  return xlsxResponse(doc, name);
}

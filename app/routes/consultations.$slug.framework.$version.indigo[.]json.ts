import type { LoaderFunctionArgs } from "@remix-run/node";
import { indigoResponse, loadExport } from "../services/framework-export.server";

/** One outcome-set version mapped to the INDIGO data standard (docs/indigo-mapping.md). */
export async function loader(args: LoaderFunctionArgs) {
  const { doc, name } = await loadExport(args, "indigo");
  return indigoResponse(doc, name);
}

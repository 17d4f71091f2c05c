import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getOptionalUser } from "../auth/guards.server";
import { findConsultationBySlug } from "../services/consultations.server";
import { hasRole } from "../services/admin.server";
import { findImage, findPublicImage } from "../services/publication.server";
import { SLUG_PATTERN } from "../domain/consultation/slug";

const params = z.object({ slug: z.string().regex(SLUG_PATTERN), id: z.coerce.number().int().positive().max(1_000_000_000) });

/**
 * An Easy Read picture: public when a live published version shows it (cached
 * for a year: pictures never change), otherwise only for the partnership's staff
 * (the officer's preview), never cached.
 */
export async function loader(args: LoaderFunctionArgs) {
  const p = params.safeParse(args.params);
  if (!p.success) throw new Response("Not Found", { status: 404 });
  const db = args.context.db;
  const consultation = await findConsultationBySlug(db, p.data.slug, "en");
  if (!consultation) throw new Response("Not Found", { status: 404 });
  const published = await findPublicImage(db, consultation.id, consultation.status, p.data.id);
  const user = published ? null : await getOptionalUser(args);
  const image =
    published ??
    (user && (await hasRole(db, user.id, consultation.partnershipId, ["officer", "commissioner", "administrator"]))
      ? await findImage(db, p.data.id, consultation.id)
      : null);
  if (!image) throw new Response("Not Found", { status: 404 });
  const etag = `"${image.sha256.slice(0, 32)}"`;
  const headers = {
    "Content-Type": image.mime,
    ETag: etag,
    "Cache-Control": published ? "public, max-age=31536000, immutable" : "private, no-store",
    "Content-Disposition": "inline",
  };
  if (args.request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.data), { headers });
}

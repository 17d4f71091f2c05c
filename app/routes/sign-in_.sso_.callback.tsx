import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "../auth/guards.server";
import { serializeSessionCookie } from "../auth/session.server";
import { env, secureCookies } from "../env.server";
import { linkOrigin } from "../auth/consultation-rounds.server";
import { clearSsoStateCookie, finishSso, readSsoState } from "../services/sso.server";

/**
 * The identity provider sends the browser back here (decision 0025): signed in, or back to the
 * sign-in page with the reason. The one-use state cookie is cleared either way.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { request } = args;
  const url = new URL(request.url);
  // Validate against the address the provider was given, whatever host the request came in on.
  const callbackUrl = new URL(`${linkOrigin(request)}${url.pathname}${url.search}`);
  const result = await finishSso(args.context.db, env(), { callbackUrl, stateCookie: readSsoState(request) }, new Date());
  const headers = new Headers({ "Set-Cookie": clearSsoStateCookie(secureCookies()) });
  if (!result.ok) return redirect(`/sign-in?sso=${result.reason}`, { headers });
  headers.append("Set-Cookie", serializeSessionCookie(result.token, result.expiresAt, secureCookies()));
  return redirect(safeRedirect(result.redirectTo), { headers });
}

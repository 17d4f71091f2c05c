// patches/@remix-run+router+1.23.3.patch (applied by patch-package on install) keeps compiled
// path patterns and each route tree's ranked branches instead of rebuilding them on every
// match (decision 0016). These tests check it is applied and that matching is unchanged.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");

describe("the @remix-run/router patch", () => {
  it("is applied to the copy the server uses", () => {
    const source = readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("function rankedBranchesOf(routes)");
    expect(source).toContain("const compiledPaths = new Map()");
  });

  it("matches as before, repeatedly, and sees routes added to the same array", () => {
    const routes: import("@remix-run/router").AgnosticRouteObject[] = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "q", path: "s/:slug/q/:qid" },
          { id: "check", path: "s/:slug/check" },
        ],
      },
    ];
    for (let i = 0; i < 3; i++) {
      const m = router.matchRoutes(routes, "/s/care/q/12");
      expect(m?.map((x) => x.route.id)).toEqual(["root", "q"]);
      expect(m?.at(-1)?.params).toEqual({ slug: "care", qid: "12" });
    }
    expect(router.matchRoutes(routes, "/S/CARE/CHECK")?.at(-1)?.route.id).toBe("check");
    expect(router.matchRoutes(routes, "/nowhere")).toBeNull();
    routes.push({ id: "nowhere", path: "/nowhere" });
    expect(router.matchRoutes(routes, "/nowhere")?.[0].route.id).toBe("nowhere");
  });
});

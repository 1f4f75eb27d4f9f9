import { load } from "../helpers";
import { at, broken, expectOnly, SITE, sites, type Mistake, reportsOnly } from "../spec-error-matchers";

/**
 * A sensor routes each threshold (issue 10): `route` for all of them, `routes` per severity or per
 * threshold. Each test edits the tiny site's one sensor (r1-inlet, route: on-call).
 */
const ROUTE = "hysteresis: 1, route: on-call }";

test("routes per severity load: warnings to the office queue, criticals to on-call", () => {
  const loaded = load(sites([SITE, ROUTE, "hysteresis: 1, routes: { warning: office, critical: on-call } }"]));
  expect(loaded.sites[0].spec.facility?.sensors?.[0].routes).toEqual({ warning: "office", critical: "on-call" });
});

test("a threshold's own route beside route loads", () => {
  expect(() => load(sites([SITE, ROUTE, "hysteresis: 1, route: on-call, routes: { lowWarning: office } }"]))).not.toThrow();
});

describe("bad routes", () => {
  test.each<Mistake>([
    [
      "an unknown route for a severity",
      [SITE, ROUTE, "hysteresis: 1, routes: { warning: queue, critical: on-call } }"],
      [SITE, "id: r1-inlet", "queue"],
      "/facility/sensors/0/routes/warning",
      /^unknown alarm route "queue"; expected one of office, on-call$/,
    ],
    [
      "a threshold left without a route",
      [SITE, ROUTE, "hysteresis: 1, routes: { critical: on-call, highWarning: office } }"],
      [SITE, "id: r1-inlet", "{"],
      "/facility/sensors/0",
      /^expected an alarm route for every threshold \(route, or routes by severity or threshold\), found none for lowWarning$/,
    ],
    [
      "an unknown routes key",
      [SITE, ROUTE, "hysteresis: 1, routes: { low: office, critical: on-call } }"],
      [SITE, "id: r1-inlet", "low:"],
      "/facility/sensors/0/routes/low",
      /^unknown field "low"; expected one of: warning, critical, lowCritical, lowWarning, highWarning, highCritical$/,
    ],
  ])("%s", reportsOnly);

  test("no route at all names every threshold", () => {
    const { dir, errors } = broken([SITE, ROUTE, "hysteresis: 1 }"]);
    expectOnly(errors, {
      file: SITE,
      ...at(dir, SITE, "id: r1-inlet", "{"),
      pointer: "/facility/sensors/0",
      message: /found none for lowCritical, lowWarning, highWarning, highCritical$/,
    });
  });
});

// The BGP endpoints (gigahost-api.md, "BGP"). Gigahost only: not among Terrahost's documented routes.
import type { Route } from "../core";
import type { GigahostBgpState } from "./bgp-state";
import { confirmedRoute, envelope } from "./envelope";

export function bgpRoutes(bgp: GigahostBgpState): Route[] {
  // A body that is not an object carries no fields; the state names what is missing.
  const fields = (body: unknown): Record<string, unknown> => (typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {});
  return [
    { method: "GET", pattern: "/bgp", handler: () => envelope(200, { data: bgp.view() }) },
    confirmedRoute("POST", "/bgp/asn", (req) => bgp.submitAsn(fields(req.body).asn), "ASN and LOA has been submitted for review."),
    confirmedRoute("POST", "/bgp/:asnId/session", (req) => bgp.createSessions(req.params.asnId, fields(req.body)), "BGP sessions has been created."),
    confirmedRoute("DELETE", "/bgp/:sessionId/session", (req) => bgp.deleteSession(req.params.sessionId), "BGP sessions have been marked for deletion."),
  ];
}

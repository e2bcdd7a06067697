// The BGP endpoints (docs/vendor-documents.md, "Gigahost: BGP"). Gigahost only:
// not among Terrahost's documented routes.
import { type Route, bodyFields } from "../core";
import type { GigahostBgpState } from "./bgp-state";
import { confirmedRoute, envelope } from "./envelope";

export function bgpRoutes(bgp: GigahostBgpState): Route[] {
  return [
    { method: "GET", pattern: "/bgp", handler: () => envelope(200, { data: bgp.view() }) },
    confirmedRoute("POST", "/bgp/asn", (req) => bgp.submitAsn(bodyFields(req.body).asn), "ASN and LOA has been submitted for review."),
    confirmedRoute("POST", "/bgp/:asnId/session", (req) => bgp.createSessions(req.params.asnId, bodyFields(req.body)), "BGP sessions has been created."),
    confirmedRoute("DELETE", "/bgp/:sessionId/session", (req) => bgp.deleteSession(req.params.sessionId), "BGP sessions have been marked for deletion."),
  ];
}

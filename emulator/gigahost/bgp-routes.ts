// The BGP endpoints (gigahost-api.md, "BGP"). Gigahost only: not among Terrahost's documented routes.
import type { Route } from "../core";
import type { GigahostBgpState } from "./bgp-state";
import { envelope } from "./envelope";

export function bgpRoutes(bgp: GigahostBgpState): Route[] {
  // A body that is not an object carries no fields; the state names what is missing.
  const fields = (body: unknown): Record<string, unknown> => (typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {});
  return [
    { method: "GET", pattern: "/bgp", handler: () => envelope(200, { data: bgp.view() }) },
    {
      method: "POST",
      pattern: "/bgp/asn",
      handler: (req) => {
        bgp.submitAsn(fields(req.body).asn);
        return envelope(200, { message: "ASN and LOA has been submitted for review." });
      },
    },
    {
      method: "POST",
      pattern: "/bgp/:asnId/session",
      handler: (req) => {
        bgp.createSessions(req.params.asnId, fields(req.body));
        return envelope(200, { message: "BGP sessions has been created." });
      },
    },
    {
      method: "DELETE",
      pattern: "/bgp/:sessionId/session",
      handler: (req) => {
        bgp.deleteSession(req.params.sessionId);
        return envelope(200, { message: "BGP sessions have been marked for deletion." });
      },
    },
  ];
}

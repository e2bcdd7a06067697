// Ordering servers (docs/vendor-documents.md,
// "Gigahost: deploying new servers"); Gigahost only.
import type { Route } from "../core";
import type { GigahostDeployState } from "./deploy-state";
import { envelope, requestFields } from "./envelope";

export function deployRoutes(deploy: GigahostDeployState): Route[] {
  return [
    { method: "GET", pattern: "/deploy/servers", handler: () => envelope(200, { data: deploy.catalog() }) },
    {
      method: "POST",
      pattern: "/deploy/servers",
      handler: (req) => envelope(200, { message: "Your order has been placed.", data: { order_ids: deploy.order(requestFields(req)) } }),
    },
    { method: "GET", pattern: "/deploy/status", handler: (req) => envelope(200, { data: deploy.status(req.query.ids) }) },
  ];
}

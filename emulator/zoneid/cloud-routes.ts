// Cloud servers (zoneid-openapi.json): orders at /order/cloud, VMs at /cloud/{host name}.
import type { Route } from "../core";
import { type Pager, noContent, ok } from "./answers";
import type { ZoneidCloudState } from "./cloud-state";

export function cloudRoutes(cloud: ZoneidCloudState, page: Pager): Route[] {
  return [
    { method: "GET", pattern: "/order/cloud", handler: (req) => page(req, cloud.listOrders()) },
    { method: "POST", pattern: "/order/cloud", handler: (req) => ok(201, [cloud.createOrder(req.body)], "Order created") },
    // "Get available virtual machine options": an array of strings (zoneid-openapi.json). What the
    // strings look like is not documented; the fake says "<kind>:<value>" (docs/zoneid.md, guesses).
    { method: "OPTIONS", pattern: "/order/cloud", handler: () => ok(200, cloudOptionStrings(cloud.options()), "OK") },
    { method: "GET", pattern: "/order/cloud/:id", handler: (req) => ok(200, [cloud.order(req.params.id)], "OK") },
    { method: "GET", pattern: "/cloud/:name", handler: (req) => page(req, [cloud.vm(req.params.name)]) },
    {
      method: "DELETE",
      pattern: "/cloud/:name",
      handler: (req) => {
        cloud.delete(req.params.name);
        return noContent("Cloudserver deleted");
      },
    },
    { method: "PUT", pattern: "/cloud/:name/resize", handler: (req) => ok(201, [cloud.resize(req.params.name, req.query)], "Resized") },
    { method: "POST", pattern: "/cloud/:name/action/:action", handler: (req) => ok(200, [cloud.action(req.params.name, req.params.action)], "Action started") },
    { method: "PUT", pattern: "/cloud/:name/:item/:username", handler: (req) => ok(201, [cloud.setAccess(req.params.name, req.params.item, req.params.username, req.body)], "Updated") },
  ];
}

/** The order options as "<kind>:<value>" strings (the document gives only `array<string>`). */
function cloudOptionStrings(options: Record<string, unknown>): string[] {
  return Object.entries(options).flatMap(([kind, values]) => (Array.isArray(values) ? values.map((value) => `${kind}:${String(value)}`) : []));
}

// Instances (docs/vendor-documents.md, "Gandi: instances"): list, order (with a
// Dry-Run check first), read, PATCH, delete, actions and disk usage.
import { EmulatorError, type EmulatorRequest, type EmulatorResponse, type Route } from "../core";
import { matchesPattern } from "./catalog";
import { type GandiRouteContext, body } from "./requests";

export function instanceRoutes({ state, page, selfUrl, instanceUrl, checkSharing, createAttempts }: GandiRouteContext): Route[] {
  const createInstance = (req: EmulatorRequest): EmulatorResponse => {
    const sharingId = checkSharing(req);
    const requestBody = body(req);
    const dryRun = req.headers["dry-run"] === "1";
    if (dryRun) {
      const errors = state.instances.validateCreate(requestBody);
      createAttempts.push({ dryRun, status: 200, body: requestBody, sharingId });
      return { status: 200, body: errors.length > 0 ? { status: "error", errors } : { status: "success" } };
    }
    try {
      const instance = state.instances.create(requestBody, sharingId);
      createAttempts.push({ dryRun, status: 202, body: requestBody, sharingId });
      return {
        status: 202,
        body: { message: "The instance is being created." },
        headers: { "content-location": instanceUrl(req, instance.id) },
      };
    } catch (error) {
      if (error instanceof EmulatorError) createAttempts.push({ dryRun, status: error.status, body: requestBody, sharingId });
      throw error;
    }
  };

  const listInstances = (req: EmulatorRequest): EmulatorResponse => {
    const sharingId = checkSharing(req);
    const { name, fqdn, status, size } = req.query;
    const items = state
      .instances.all()
      .filter((instance) => sharingId === undefined || instance.sharingId === sharingId)
      .filter((instance) => matchesPattern(instance.name, name))
      .filter((instance) => status === undefined || state.instanceStatus(instance) === status)
      .filter((instance) => size === undefined || instance.size === size)
      .filter((instance) => fqdn === undefined || state.vhosts.of(instance.id).some((vhost) => matchesPattern(vhost.fqdn, fqdn)))
      .map((instance) => state.instances.summary(instance, selfUrl(req)));
    return page(req, items);
  };
  return [
    { method: "GET", pattern: "/instances", handler: (req) => listInstances(req) },
    { method: "POST", pattern: "/instances", handler: (req) => createInstance(req) },
    {
      method: "GET",
      pattern: "/instances/:id",
      handler: (req) => ({ status: 200, body: state.instances.detail(state.instance(req.params.id), selfUrl(req)) }),
    },
    {
      method: "PATCH",
      pattern: "/instances/:id",
      handler: (req) => {
        const instance = state.instances.patch(req.params.id, body(req));
        return { status: 202, body: { message: "The instance is being updated." }, headers: { "content-location": instanceUrl(req, instance.id) } };
      },
    },
    {
      method: "DELETE",
      pattern: "/instances/:id",
      handler: (req) => {
        state.instances.delete(req.params.id);
        return { status: 204 };
      },
    },
    {
      method: "POST",
      pattern: "/instances/:id/action",
      handler: (req) => {
        // 204: "An internal error has occurred and the action cannot be performed" (reference).
        if (!state.instances.action(req.params.id, body(req).action)) return { status: 204 };
        return { status: 202, body: { message: "The action is being performed." }, headers: { "content-location": instanceUrl(req, req.params.id) } };
      },
    },
    {
      method: "GET",
      pattern: "/instances/:id/usage",
      handler: (req) => {
        const instance = state.instance(req.params.id);
        const detail = state.instances.summary(instance, selfUrl(req));
        const size = detail.storage.total.value * 1024 ** 3;
        return { status: 200, body: { disk_size_bytes: size, disk_used_bytes: Math.round(size * 0.12) } };
      },
    },
  ];
}

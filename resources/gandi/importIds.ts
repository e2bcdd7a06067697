import { ImportId, importByParts } from "../../provider/dynamic";
import { normalizeHostname } from "../../provider/dns";

// The import ids of the Gandi Simple Hosting kinds: what users write after the type and name in
// `pulumi import` (docs/gandi.md, "Importing (provider plugin)"), parsed into the resource id the
// kind stores and the stored state its `read` needs. An instance's id is the UUID the admin
// console's URL and GET /v5/simplehosting/instances show; names are not unique, and parsing cannot
// look one up.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function instanceUuid(part: string): string {
  const id = part.trim().toLowerCase();
  if (!UUID.test(id)) throw new Error(`instanceId must be the instance's UUID, not "${part}"`);
  return id;
}

/** `instanceId`: a SimpleHostingInstance, by the `id` of GET /v5/simplehosting/instances. */
export const instanceImportId: ImportId = importByParts("instanceId", "5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45", ([id]) => ({ id: instanceUuid(id), state: {} }));

/** A vhost's resource id: its instance and its domain name, which together find it. */
export function vhostId(instanceId: string, fqdn: string): string {
  return `${instanceId}/${fqdn}`;
}

/**
 * `instanceId/fqdn`: a SimpleHostingVhost, by its instance and its domain name
 * (GET /v5/simplehosting/instances/{instance_id}/vhosts/{vhost_fqdn}); the
 * resource's own id has this form. The name is stored as Gandi stores it:
 * lower case, Punycode.
 */
export const vhostImportId: ImportId = importByParts("instanceId/fqdn", "5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45/www.example.com", ([instance, name]) => {
  const instanceId = instanceUuid(instance);
  const fqdn = normalizeHostname(name);
  return { id: vhostId(instanceId, fqdn), state: { instanceId, fqdn } };
});

/**
 * Whether a `read` runs for `pulumi import`: the bridge then hands it only the
 * state the import id gives, never `input`, an input every create stores.
 */
export function readsForImport(state: object, input: string): boolean {
  return (state as Record<string, unknown>)[input] === undefined;
}

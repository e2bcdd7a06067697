import { ImportId, importByParts } from "../../provider/dynamic";

// The import ids of the Gigas kinds: what users write after the type and name in `pulumi import`
// (docs/gigas.md, "Importing (provider plugin)"), parsed into the resource id the kind stores and
// the stored state its `read` needs. Every part is an id the API hands out (digits): the control
// panel and the lookups (getVirtualMachines, getNetworkIpAddresses, getTemplates, ...) show them.
// Labels are not unique at Gigas, and parsing cannot look one up, so no name stands in for an id.

/** A Gigas id: digits (resources/vendorId.ts). */
function digits(part: string, name: string): string {
  if (!/^\d+$/.test(part.trim())) throw new Error(`${name} must be digits, not "${part}"`);
  return part.trim();
}

/** Kinds whose resource id is one Gigas id that alone finds the object (GET …/<kind>/<id>). */
export function importByGigasId(name: string, example: string): ImportId {
  return importByParts(name, example, ([id]) => ({ id: digits(id, name), state: {} }));
}

/** `virtualMachineId`: a VirtualMachine, by the `id` of GET /account/{account_id}/virtual_machines. */
export const virtualMachineImportId = importByGigasId("virtualMachineId", "2266610432");

/** `ruleId`: a FirewallRule, by its `id` (GET /account/{account_id}/firewall_rule/{rule_id}). */
export const firewallRuleImportId = importByGigasId("ruleId", "2266610455");

/** `diskId`: a Disk, by the `id` of GET /account/{account_id}/disks. */
export const diskImportId = importByGigasId("diskId", "2266610440");

/** `networkInterfaceId`: a NetworkInterface, by its `id` (a VM's interfaces; a FirewallRule's `networkInterfaceId`). */
export const networkInterfaceImportId = importByGigasId("networkInterfaceId", "2266610447");

/**
 * `networkId/ipAddressId`: an IpAddress, by its network and its `id` in GET
 * /account/{account_id}/network/{network_id}/ip_addresses. No documented call
 * gets one IP by id: read looks it up among its network's, so the network is
 * part of the import id.
 */
export const ipAddressImportId = importByParts("networkId/ipAddressId", "22666100000/2266610460", ([networkId, ipAddressId]) => ({
  id: digits(ipAddressId, "ipAddressId"),
  state: { networkId: digits(networkId, "networkId") },
}));

/**
 * `templateId` (a template made from a backup) or
 * `templateId/sourceTemplateId/userId/locationId` (a clone, e.g.
 * `2266610471/2266610120/226661014577/226661012`): a Template, by the
 * `id` of GET /account/{account_id}/templates. A template from a backup carries
 * its `backup_id`, which read gives back as `backupId`; a clone carries only
 * the set of clones it belongs to (`clone_id`), so the source template, user
 * and location the clone was made for, replace-only inputs, are part of the
 * import id (read checks that the source is of the same set of clones).
 */
export const templateImportId: ImportId = {
  format: "templateId[/sourceTemplateId/userId/locationId]",
  example: "2266610470",
  parse(importId) {
    const parts = importId.split("/");
    if (parts.length === 1) return { id: digits(parts[0], "templateId"), state: {} };
    if (parts.length !== 4) throw new Error(`it needs 1 part (a template from a backup) or 4 parts (a clone) separated by "/", not ${parts.length}`);
    const [templateId, sourceTemplateId, userId, locationId] = parts;
    return {
      id: digits(templateId, "templateId"),
      state: {
        sourceTemplateId: digits(sourceTemplateId, "sourceTemplateId"),
        userId: digits(userId, "userId"),
        locationId: digits(locationId, "locationId"),
      },
    };
  },
};

/**
 * Whether a `read` runs for `pulumi import`: the bridge then hands it only the
 * state the import id gives, never `input`, an input every create stores.
 */
export function readsForImport(state: object, input: string): boolean {
  return (state as Record<string, unknown>)[input] === undefined;
}

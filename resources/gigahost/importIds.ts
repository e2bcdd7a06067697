import { ImportId, importByParts } from "../../provider/dynamic";

// The import ids of the Gigahost platform's kinds, at Gigahost and at Terrahost: what users write
// after the type and name in `pulumi import` (docs/gigahost.md, "Importing (provider plugin)"),
// parsed into the resource id the kind stores and the stored state its `read` needs. Each part is
// an id the API lists (`zone_id` in GET /dns/zones, `srv_id` in GET /servers, `snap_id`, ...): the
// resource ids are the vendor's ids, so a name (a zone's domain, a snapshot's display name) cannot
// stand in for them without a lookup that parsing cannot do.

/** A numeric vendor id (zones, servers, addresses, snapshots, ASNs, sessions, SSH keys). */
function digits(part: string, name: string): string {
  if (!/^\d+$/.test(part)) throw new Error(`${name} must be digits, not "${part}"`);
  return part;
}

/** Kinds whose resource id is one numeric vendor id that alone finds the object, e.g. a zone by `zoneId`. */
export function importByVendorId(name: string, example: string): ImportId {
  return importByParts(name, example, ([id]) => ({ id: digits(id, name), state: {} }));
}

/** `zoneId`: a zone (DnsZone, PtrZone), a registered domain (NoDomain, DomainSettings), by GET /dns/zones' `zone_id`. */
export const zoneImportId = importByVendorId("zoneId", "123");

/**
 * `zoneId`: a DnsZoneRecords is the records of one zone; its id is the zone
 * id, an input its read needs. An import manages the whole zone: `purge` on
 * and nothing in `ignore`, the inputs' defaults, stand for the program's.
 */
export const zoneRecordsImportId = importByParts("zoneId", "123", ([zoneId]) => ({
  id: digits(zoneId, "zoneId"),
  state: { zoneId, purge: true, ignore: [] },
}));

/**
 * `zoneId/recordId`: a DnsRecord, by its zone and the `record_id` of GET
 * /dns/zones/{zone_id}/records. Record ids are content hashes (they change
 * with the record's content), not digits.
 */
export const recordImportId = importByParts("zoneId/recordId", "123/6f1ed002ab5595859014ebf0951522d9", ([zoneId, recordId]) => ({
  id: recordId,
  state: { zoneId: digits(zoneId, "zoneId"), recordId },
}));

/** `zoneId/source`: a DnsRedirect, by its zone and the name redirected ("@" for the apex), as GET …/redirect lists it. */
export const redirectImportId = importByParts("zoneId/source", "123/www", ([zoneId, name]) => {
  const source = name.trim().toLowerCase().replace(/\.$/, "") || "@";
  return { id: `${digits(zoneId, "zoneId")}/${source}`, state: { zoneId, source } };
});

/** `serverId`: a Server, by GET /servers' `srv_id`. */
export const serverImportId = importByVendorId("serverId", "3523");

/** `serverId/snapshotId`: a ServerSnapshot, by its server and the `snap_id` of GET /servers/{id}/snapshots. */
export const snapshotImportId = importByParts("serverId/snapshotId", "3523/4711", ([serverId, snapshotId]) => ({
  id: digits(snapshotId, "snapshotId"),
  state: { serverId: digits(serverId, "serverId") },
}));

/**
 * `serverId/ipv4/ipId` (the PTR name of an IPv4 address) or
 * `serverId/ipv6/subnetId` (the delegation of an IPv6 subnet): a ReverseDns,
 * by the server and the address's `ip_id` or the subnet's `sub_id` in GET
 * /servers/{id}. The resource's own id has this form.
 */
export const reverseDnsImportId = importByParts("serverId/ipv4|ipv6/addressId", "3523/ipv4/7795", ([serverId, family, addressId]) => {
  if (family !== "ipv4" && family !== "ipv6") {
    throw new Error(`the middle part must be ipv4 (an IPv4 address's ipId follows) or ipv6 (an IPv6 subnet's subnetId follows), not "${family}"`);
  }
  const target = family === "ipv4" ? { ipId: digits(addressId, "ipId") } : { subnetId: digits(addressId, "subnetId") };
  return { id: `${digits(serverId, "serverId")}/${family}/${addressId}`, state: { serverId, ...target } };
});

/**
 * `serverId/ipId`: a ServerIpv4, by the server it is on and the address's
 * `ip_id` in GET /servers/{id} (an extra address: the primary one is the
 * server's own).
 */
export const serverIpv4ImportId = importByParts("serverId/ipId", "3523/7795", ([serverId, ipId]) => ({
  id: digits(ipId, "ipId"),
  state: { serverId: digits(serverId, "serverId") },
}));

/** `asnId`: a BgpAsn, by the database `id` GET /bgp lists in `asn` (not the AS number). */
export const asnImportId = importByVendorId("asnId", "1");

/**
 * `sessionId,sessionId,…`: a BgpSession is the set of sessions one create
 * made (one per router and IP version, from one address or two), by the ids
 * GET /bgp lists in `sessions`, every one of the set, in any order.
 */
export const bgpSessionImportId: ImportId = {
  format: "sessionId,sessionId,…",
  example: "41,42",
  parse(importId) {
    const ids = importId.split(",").map((part) => digits(part.trim(), "each sessionId"));
    // The resource id lists them in ascending order, without repeats, as a create stores them.
    const sessionIds = [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
    return { id: sessionIds.join(","), state: { sessionIds } };
  },
};

/** `keyId`: an SshKey, by the `key_id` GET /account lists in `ssh_keys`. */
export const sshKeyImportId = importByVendorId("keyId", "17");

/**
 * Whether a `read` runs for `pulumi import`: the bridge then hands it only
 * the state the import id gives, never `input`, an input every create
 * stores. Such a read fills every input the vendor returns, including those
 * a normal read leaves unmanaged when the program does not set them.
 */
export function readsForImport(state: object, input: string): boolean {
  return (state as Record<string, unknown>)[input] === undefined;
}

/**
 * A read's result with inputs that are not state properties (e.g. a domain's
 * registration details): the bridge stores every input key of a read's
 * result as an input, which an import needs to fill.
 */
export function withReadInputs<State extends object>(state: State, inputs: Record<string, unknown>): State {
  return { ...state, ...inputs };
}

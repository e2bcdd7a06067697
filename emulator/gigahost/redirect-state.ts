// Web redirects of a zone and PTR (reverse) zones (docs/vendor-documents.md,
// "Gigahost: DNS"). Creating a redirect adds an A record for its source
// pointing at Gigahost's redirect service and is refused when the source
// already has address records.
import { EmulatorError } from "../core";
import { isIPv4, isIPv6 } from "node:net";
import type { GigahostDnsState } from "./dns-state";

/** Model choice: the address of the redirect service (the docs' example A record). */
export const REDIRECT_ADDRESS = "185.125.168.166";

export type RedirectSnapshot = Record<string, { source: string; targetUrl: string }[]>;

const SOURCE = /^(@|[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*)$/;

export class GigahostRedirects {
  private byZone = new Map<string, { source: string; targetUrl: string }[]>();

  constructor(private readonly dns: GigahostDnsState) {}

  list(zoneId: string): { source: string; target_url: string }[] {
    this.dns.zone(zoneId);
    return (this.byZone.get(zoneId) ?? []).map((redirect) => ({ source: redirect.source, target_url: redirect.targetUrl }));
  }

  create(zoneId: string, body: Record<string, unknown>): void {
    const { source, targetUrl } = this.validate(body);
    const redirects = this.redirects(zoneId);
    if (redirects.some((redirect) => redirect.source === source)) throw new EmulatorError(400, "A redirect for this source already exists.");
    const conflicting = this.dns.records(zoneId).some((record) => record.record_name === source && ["A", "AAAA", "CNAME"].includes(record.record_type));
    if (conflicting) throw new EmulatorError(400, "Conflicting records exist for this source. Remove them before creating a redirect.");
    this.dns.addRecord(zoneId, { name: source, type: "A", value: REDIRECT_ADDRESS, ttl: 3600, priority: null });
    redirects.push({ source, targetUrl });
  }

  update(zoneId: string, body: Record<string, unknown>): void {
    const { source, targetUrl } = this.validate(body);
    const redirect = this.redirects(zoneId).find((candidate) => candidate.source === source);
    if (!redirect) throw new EmulatorError(404, "Redirect not found.");
    redirect.targetUrl = targetUrl;
  }

  remove(zoneId: string, source: string | undefined): void {
    const redirects = this.redirects(zoneId);
    const index = redirects.findIndex((candidate) => candidate.source === (source ?? "").trim().toLowerCase());
    if (index < 0) throw new EmulatorError(404, "Redirect not found.");
    const [removed] = redirects.splice(index, 1);
    try {
      this.dns.removeRecordSet(zoneId, removed.source, "A", (record) => record.value === REDIRECT_ADDRESS);
    } catch {
      // its A record was already removed by hand
    }
  }

  /** Out of band (tests): changes a redirect's target. */
  setTarget(zoneId: string, source: string, targetUrl: string): void {
    const redirect = this.redirects(zoneId).find((candidate) => candidate.source === source);
    if (!redirect) throw new EmulatorError(404, "Redirect not found.");
    redirect.targetUrl = targetUrl;
  }

  /** POST /dns/zones/ptr: a reverse zone for a prefix. */
  createPtrZone(body: Record<string, unknown>): string {
    const version = body.ip_version;
    if (version !== "ipv4" && version !== "ipv6") throw new EmulatorError(400, "ip_version must be ipv4 or ipv6.");
    const prefix = typeof body.prefix === "string" ? body.prefix.trim() : "";
    const [address, length] = prefix.split("/");
    if (!(version === "ipv4" ? isIPv4(address) : isIPv6(address)) || !/^\d+$/.test(length ?? "")) throw new EmulatorError(400, "Invalid prefix.");
    const zoneName = typeof body.zone_name === "string" ? body.zone_name.trim().toLowerCase() : "";
    const suffix = version === "ipv4" ? ".in-addr.arpa" : ".ip6.arpa";
    if (!zoneName.endsWith(suffix)) throw new EmulatorError(400, `zone_name must end in ${suffix}.`);
    return this.dns.addZone({ name: zoneName }).zone_id;
  }

  snapshot(): RedirectSnapshot {
    return structuredClone(Object.fromEntries(this.byZone));
  }

  restore(snapshot: RedirectSnapshot): void {
    this.byZone = new Map(Object.entries(structuredClone(snapshot)));
  }

  private redirects(zoneId: string): { source: string; targetUrl: string }[] {
    this.dns.zone(zoneId);
    let list = this.byZone.get(zoneId);
    if (!list) {
      list = [];
      this.byZone.set(zoneId, list);
    }
    return list;
  }

  private validate(body: Record<string, unknown>): { source: string; targetUrl: string } {
    const source = typeof body.source === "string" ? body.source.trim().toLowerCase() : "";
    if (!SOURCE.test(source)) throw new EmulatorError(400, "Invalid source.");
    const targetUrl = typeof body.target_url === "string" ? body.target_url.trim() : "";
    if (!/^https?:\/\/[^\s/]+/.test(targetUrl)) throw new EmulatorError(400, "Invalid target URL.");
    return { source, targetUrl };
  }
}

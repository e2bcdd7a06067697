// Vhosts of an instance (docs/vendor-documents.md, "Gandi: vhosts"): create
// (asynchronous, with ownership proof when Gandi cannot verify the domain),
// PATCH, delete, and the JSON the GET routes answer with.
import { APPLICATIONS } from "./catalog";
import { type ValidationIssue, gandiError, notFound, validationError } from "./errors";
import type { StoredVhost, VhostLink } from "./records";
import { VHOST_PATCH_FIELDS, VHOST_POST_FIELDS, asRecord, isFqdn, undocumentedFields } from "./request-fields";
import type { GandiState } from "./state";

export class GandiVhosts {
  constructor(private readonly state: GandiState) {}

  of(instanceId: string): StoredVhost[] {
    return [...this.state.vhostsByKey.values()].filter((vhost) => vhost.instanceId === instanceId).sort((a, b) => b.createdAt - a.createdAt);
  }

  links(instanceId: string, baseUrl: string): VhostLink[] {
    return this.of(instanceId)
      .filter((vhost) => vhost.deletedAt === null)
      .map((vhost) => ({ fqdn: vhost.fqdn, href: `${baseUrl}/instances/${instanceId}/vhosts/${vhost.fqdn}` }));
  }

  get(instanceId: string, fqdn: string): StoredVhost {
    this.state.instance(instanceId);
    const vhost = this.state.vhostsByKey.get(this.state.vhostKey(instanceId, fqdn.toLowerCase()));
    if (!vhost) throw notFound("vhost");
    return vhost;
  }

  /**
   * POST /instances/{id}/vhosts (or a vhost of an order, `createTime`);
   * `readyAt` defaults to now + vhostCreateMs.
   */
  create(instanceId: string, body: Record<string, unknown>, options: { startAt?: number; createTime?: boolean } = {}): StoredVhost {
    const instance = this.state.instance(instanceId);
    const fqdn = typeof body.fqdn === "string" ? body.fqdn.toLowerCase() : "";
    const issues: ValidationIssue[] = [];
    const problem = (name: string, description: string) => issues.push({ location: "body", name, description });
    if (!options.createTime) {
      undocumentedFields(body, VHOST_POST_FIELDS, "", problem);
      // POST vhost: `allow_alteration` is Required inside `linked_dns_zone` (PATCH too; only an order's vhosts default it).
      if (body.linked_dns_zone !== undefined && typeof asRecord(body.linked_dns_zone).allow_alteration !== "boolean") {
        problem("linked_dns_zone.allow_alteration", "Missing data for required field.");
      }
    }
    if (!isFqdn(fqdn)) issues.push({ location: "body", name: "fqdn", description: "Must be a domain name in ASCII (Punycode) form." });
    const application = body.application === undefined ? null : asRecord(body.application);
    if (application && !APPLICATIONS.some((app) => app.name === application.name)) {
      issues.push({ location: "body", name: "application.name", description: `Unknown application "${String(application.name)}".` });
    }
    if (body.https_strategy !== undefined && !["HTTP_only", "allow_HTTP_and_HTTPS", "redirect_HTTP_to_HTTPS"].includes(body.https_strategy as string)) {
      issues.push({ location: "body", name: "https_strategy", description: "Must be one of: HTTP_only, allow_HTTP_and_HTTPS, redirect_HTTP_to_HTTPS." });
    }
    if (issues.length > 0) throw validationError(issues);
    const existing = this.state.vhostsByKey.get(this.state.vhostKey(instanceId, fqdn));
    if (existing && existing.deletedAt === null) {
      // "The vhost already exist on the instance and the creation cannot be performed": documented without a body.
      throw gandiError(422, "Unprocessable Entity", "vhost already exists", "vhost", { bodyless: true });
    }
    if (instance.deletedAt !== null) throw gandiError(409, "Conflict", "The instance is being deleted.", "instance");
    const linked = asRecord(body.linked_dns_zone);
    const now = options.startAt ?? this.state.clock.now();
    const vhost: StoredVhost = {
      instanceId,
      fqdn,
      createdAt: this.state.clock.now(),
      readyAt: now + this.state.timings.vhostCreateMs,
      application: application ? { name: application.name as string, parameters: asRecord(application.parameters) } : null,
      httpsStrategy: (body.https_strategy as string | undefined) ?? "allow_HTTP_and_HTTPS",
      allowAlteration: linked.allow_alteration === true,
      allowAlterationOverride: linked.allow_alteration_override === true,
      certificate: true,
      ownership: this.state.ownershipRequired.has(fqdn) ? "required" : "validated",
      deletedAt: null,
      cachePurges: 0,
    };
    this.state.vhostsByKey.set(this.state.vhostKey(instanceId, fqdn), vhost);
    this.state.scheduleVhost(vhost);
    return vhost;
  }

  patch(instanceId: string, fqdn: string, body: Record<string, unknown>): StoredVhost {
    const vhost = this.get(instanceId, fqdn);
    const issues: ValidationIssue[] = [];
    undocumentedFields(body, VHOST_PATCH_FIELDS, "", (name, description) => issues.push({ location: "body", name, description }));
    if (body.https_strategy !== undefined && !["HTTP_only", "allow_HTTP_and_HTTPS", "redirect_HTTP_to_HTTPS"].includes(body.https_strategy as string)) {
      issues.push({ location: "body", name: "https_strategy", description: "Must be one of: HTTP_only, allow_HTTP_and_HTTPS, redirect_HTTP_to_HTTPS." });
    }
    const application = body.application === undefined ? undefined : asRecord(body.application);
    if (application && !APPLICATIONS.some((app) => app.name === application.name)) {
      issues.push({ location: "body", name: "application.name", description: `Unknown application "${String(application.name)}".` });
    }
    const linked = body.linked_dns_zone === undefined ? undefined : asRecord(body.linked_dns_zone);
    if (linked && typeof linked.allow_alteration !== "boolean") {
      issues.push({ location: "body", name: "linked_dns_zone.allow_alteration", description: "Required." });
    }
    if (issues.length > 0) throw validationError(issues);
    if (typeof body.https_strategy === "string") vhost.httpsStrategy = body.https_strategy;
    if (application) vhost.application = { name: application.name as string, parameters: asRecord(application.parameters) };
    if (linked) {
      vhost.allowAlteration = linked.allow_alteration === true;
      vhost.allowAlterationOverride = linked.allow_alteration_override === true;
    }
    return vhost;
  }

  delete(instanceId: string, fqdn: string): void {
    const vhost = this.get(instanceId, fqdn);
    if (vhost.deletedAt !== null) return;
    vhost.deletedAt = this.state.clock.now();
    this.state.scheduleVhostRemoval(vhost);
  }

  /** Removes a vhost at once (out-of-band). */
  remove(instanceId: string, fqdn: string): void {
    this.get(instanceId, fqdn);
    this.state.vhostsByKey.delete(this.state.vhostKey(instanceId, fqdn.toLowerCase()));
  }

  modify(instanceId: string, fqdn: string, changes: Partial<Pick<StoredVhost, "httpsStrategy" | "application" | "allowAlteration" | "ownership" | "certificate">>): StoredVhost {
    return Object.assign(this.get(instanceId, fqdn), changes);
  }

  /** New vhosts for this fqdn stay in waiting_ownership until `validateOwnership`. */
  requireOwnershipProof(fqdn: string): void {
    this.state.ownershipRequired.add(fqdn.toLowerCase());
  }

  validateOwnership(fqdn: string): void {
    const name = fqdn.toLowerCase();
    this.state.ownershipRequired.delete(name);
    for (const vhost of this.state.vhostsByKey.values()) if (vhost.fqdn === name && vhost.ownership === "required") vhost.ownership = "validated";
  }

  view(vhost: StoredVhost) {
    const labels = vhost.fqdn.split(".");
    const domain = labels.slice(-2).join(".");
    const key = labels.length > 2 ? labels.slice(0, -2).join(".") : "@";
    const status = this.state.vhostStatus(vhost);
    const certificate = vhost.certificate !== false;
    return {
      fqdn: vhost.fqdn,
      status,
      created_at: new Date(vhost.createdAt).toISOString(),
      is_a_test_vhost: false,
      // "This field is only present if you have a certificate."
      ...(certificate ? { https_strategy: vhost.httpsStrategy } : {}),
      linked_dns_zone: {
        allow_alteration: vhost.allowAlteration,
        last_checked_status: vhost.ownership === "validated" ? (vhost.allowAlteration ? "altered" : "livedns_done") : "unknown",
        last_checked_at: new Date(this.state.clock.now()).toISOString(),
        cname: "webredir.vip.gandi.net.",
        domain,
        ipv4: "217.70.184.55",
        ipv6: "2001:4b98:dc0:41:216:3eff:fe3a:1d0a",
        is_alterable: !this.state.ownershipRequired.has(vhost.fqdn),
        is_root: key === "@",
        key,
        txt: `gandi-simplehosting-verification=${vhost.instanceId.slice(0, 8)}`,
      },
      ...(vhost.application
        ? { application: { name: vhost.application.name, parameters: vhost.application.parameters, status: status === "running" ? "running" : "being_created" } }
        : {}),
      certificates: !certificate ? [] : [{ id: `cert-${vhost.fqdn}`, href: `/v5/certificate/issued-certs/cert-${vhost.fqdn}`, pending: status !== "running" }],
    };
  }
}

// Domains of the ZoneID fake: settings at /domain/{name} (PUT changes the
// writable ones and refuses the read-only ones), preferences, and the nameserver and contact collections.
import { EmulatorError } from "../core";
import { unprocessable } from "./errors";
import { DOMAIN_COLLECTIONS, type HostingSnapshot, ZoneidHostingState } from "./hosting-state";

export interface DomainSettings {
  name: string;
  expires: string;
  dnssec: boolean;
  autorenew: boolean;
  renewal_notifications: boolean;
  signing_required: boolean;
  nameservers_custom: boolean;
  has_pending_dnssec: boolean;
  auth_key_enabled: boolean;
  /** The pending renewal order's identificator (left out when none: the schema's type is a plain string). */
  renew_order?: string;
}

/** Fields PUT /domain/{name} changes: the ones schema Domain does not mark readOnly. */
const WRITABLE = ["renewal_notifications", "signing_required", "nameservers_custom"] as const;

/** Schema Domain's readOnly fields: a PUT carrying one is refused, naming it (autorenew is renewed by order; dnssec has no documented setter). */
const READ_ONLY = ["resource_url", "name", "delegated", "expires", "dnssec", "autorenew", "renew_order", "has_pending_trade", "has_pending_dnssec", "reactivate", "auth_key_enabled", "_links"];

export interface DomainSnapshot {
  settings: DomainSettings[];
  collections: HostingSnapshot;
}

export class ZoneidDomainState {
  private settings = new Map<string, DomainSettings>();
  readonly collections = new ZoneidHostingState(DOMAIN_COLLECTIONS);

  addDomain(name: string, settings: Partial<DomainSettings> = {}): DomainSettings {
    const domain: DomainSettings = {
      name,
      expires: "2027-06-30T00:00:00+03:00",
      dnssec: false,
      autorenew: false,
      renewal_notifications: true,
      signing_required: false,
      nameservers_custom: false,
      has_pending_dnssec: false,
      auth_key_enabled: true,
      ...settings,
    };
    this.settings.set(name, domain);
    this.collections.addService(name);
    return domain;
  }

  /** The stored settings of a domain (mutable, for the order model), or undefined. */
  settingsOf(name: string): DomainSettings | undefined {
    return this.settings.get(name);
  }

  removeDomain(name: string): void {
    this.settings.delete(name);
    this.collections.removeService(name);
  }

  list(): Record<string, unknown>[] {
    return [...this.settings.values()].map(view);
  }

  get(name: string): Record<string, unknown> {
    return view(this.find(name));
  }

  update(name: string, body: unknown, options: { force?: boolean } = {}): Record<string, unknown> {
    const domain = this.find(name);
    const fields = asObject(body);
    const errors: Record<string, string[]> = {};
    if (!options.force) for (const field of READ_ONLY) if (fields[field] !== undefined) errors[field] = ["Read-only field"];
    for (const field of options.force ? (Object.keys(fields) as (keyof DomainSettings)[]) : WRITABLE) {
      if (fields[field] === undefined) continue;
      if (typeof fields[field] !== "boolean" && !options.force) errors[field] = ["Must be a boolean"];
    }
    if (fields.nameservers_custom === true && !options.force) errors.nameservers_custom = ["Only false allowed"];
    if (Object.keys(errors).length) throw unprocessable("Validation failed", errors);
    for (const field of options.force ? Object.keys(fields) : WRITABLE) {
      if (fields[field] !== undefined) (domain as unknown as Record<string, unknown>)[field] = fields[field];
    }
    return view(domain);
  }

  preferences(name: string): Record<string, unknown> {
    const domain = this.find(name);
    return { renewal_notifications: domain.renewal_notifications, resource_url: `/domain/${name}/preferences` };
  }

  updatePreferences(name: string, body: unknown): Record<string, unknown> {
    const value = asObject(body).renewal_notifications;
    if (typeof value !== "boolean") throw unprocessable("Validation failed", { renewal_notifications: ["Must be a boolean"] });
    this.find(name).renewal_notifications = value;
    return this.preferences(name);
  }

  snapshot(): DomainSnapshot {
    return { settings: [...this.settings.values()].map((domain) => ({ ...domain })), collections: this.collections.snapshot() };
  }

  restore(snapshot: DomainSnapshot | undefined): void {
    this.settings = new Map((snapshot?.settings ?? []).map((domain) => [domain.name, { ...domain }]));
    this.collections.restore(snapshot?.collections);
  }

  private find(name: string): DomainSettings {
    const domain = this.settings.get(name);
    if (!domain) throw new EmulatorError(404, "Domain not found");
    return domain;
  }
}

function view(domain: DomainSettings): Record<string, unknown> {
  // `delegated` and `renew_order` are strings in the spec (owner's username when delegated; the pending renewal order): left out when there is none.
  return { ...domain, has_pending_trade: null, reactivate: false, _links: [], resource_url: `/domain/${domain.name}` };
}

function asObject(body: unknown): Record<string, unknown> {
  if (Array.isArray(body)) body = body[0];
  if (!body || typeof body !== "object") throw new EmulatorError(400, "Invalid request body");
  return body as Record<string, unknown>;
}

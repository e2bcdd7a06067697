// Settings of registered (protected) .no zones (docs/vendor-documents.md,
// "Gigahost: DNS"): registrant and its e-mail with WHOIS protection,
// auto-renew, name servers, DNSSEC with its DS records, and DS records for
// external name servers.
import { EmulatorError } from "../core";
import { createHash } from "node:crypto";
import type { GigahostDnsState } from "./dns-state";

export interface DsRecord {
  keyTag: number;
  alg: number;
  digestType: number;
  digest: string;
}

/** Who holds the domain, as the registration or the last registrant change set it (absent: the seeded example holder). */
export interface DomainHolder {
  type: "organization" | "person";
  /** The organization number or Norid person id. */
  identity: string;
  /** The company name; for a person, the name given at registration (a registrant change sends none). */
  name: string | null;
}

interface ZoneDomainSettings {
  email: string;
  holder?: DomainHolder;
  zipCode?: string;
  city?: string;
  whoisProtection: boolean;
  nameservers: string[];
  dnssec: boolean;
  externalDs: DsRecord[];
}

export type DomainSettingsSnapshot = Record<string, ZoneDomainSettings>;

export const GIGAHOST_NAMESERVERS = ["ns1.gigahost.no", "ns2.gigahost.no"];
const HOST = /^(?=.{1,253}\.?$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}\.?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ALGORITHMS = [5, 7, 8, 10, 13, 14, 15, 16];
const DIGEST_TYPES: Record<number, number> = { 1: 40, 2: 64, 4: 96 };
const DS_ITEM_FIELDS = ["keyTag", "alg", "digestType", "digest"];

export class GigahostDomainSettings {
  private byZone = new Map<string, ZoneDomainSettings>();
  /** Name servers the authority check refuses (tests mark them). */
  private notAuthoritative = new Set<string>();

  constructor(private readonly dns: GigahostDnsState) {}

  markNotAuthoritative(nameserver: string): void {
    this.notAuthoritative.add(nameserver.toLowerCase().replace(/\.$/, ""));
  }

  /** The stored settings (tests read and change them out of band). */
  settings(zoneId: string): ZoneDomainSettings {
    this.dns.zone(zoneId);
    let settings = this.byZone.get(zoneId);
    if (!settings) {
      settings = { email: `hostmaster@${this.dns.zone(zoneId).zone_name}`, whoisProtection: false, nameservers: [...GIGAHOST_NAMESERVERS], dnssec: false, externalDs: [] };
      this.byZone.set(zoneId, settings);
    }
    return settings;
  }

  registrant(zoneId: string): Record<string, unknown> {
    this.requireRegistered(zoneId);
    const settings = this.settings(zoneId);
    const holder = settings.holder;
    // Documented example: identity and identity_type null. A holder this emulator registered or changed shows its
    // organization number or person id there (guess: docs/gigahost.md, "Behaviour guessed").
    return {
      contact_id: `EX${zoneId}P`,
      name: holder ? (holder.type === "person" ? holder.name : "Ola Nordmann") : "Ola Nordmann",
      organization: holder ? (holder.type === "organization" ? holder.name : null) : "Example AS",
      email: settings.email,
      address: "Exampleveien 1",
      city: settings.city ?? "Oslo",
      postal_code: settings.zipCode ? `NO-${settings.zipCode}` : "NO-0123",
      country_code: "NO",
      identity: holder?.identity ?? null,
      identity_type: holder ? (holder.type === "organization" ? "organization_number" : "norid_pid") : null,
      type: holder?.type ?? "organization",
    };
  }

  /** Sets who holds the domain (registration, tests). */
  setHolder(zoneId: string, holder: DomainHolder, contact: { email?: string; zipCode?: string; city?: string } = {}): void {
    const settings = this.settings(zoneId);
    settings.holder = { ...holder };
    if (contact.email !== undefined) settings.email = contact.email;
    if (contact.zipCode !== undefined) settings.zipCode = contact.zipCode;
    if (contact.city !== undefined) settings.city = contact.city;
  }

  /** Forgets who holds the domain (tests): `GET …/registrant` then shows `identity: null`, as Gigahost's documented example does. */
  forgetHolder(zoneId: string): void {
    delete this.settings(zoneId).holder;
  }

  /**
   * PUT /dns/zones/{id}/registrant: a new holder. "Requires Norid Applicant
   * Declaration acceptance. Creates new order and extends domain by 1 year."
   * Registered .no domains only.
   */
  changeRegistrant(zoneId: string, body: Record<string, unknown>): void {
    this.requireRegistered(zoneId);
    const text = (field: string, max = 255): string => {
      const value = body[field];
      if (typeof value !== "string" || value.trim() === "") throw new EmulatorError(400, `Missing parameter: ${field}`);
      if (value.length > max) throw new EmulatorError(400, `${field} is too long.`);
      return value.trim();
    };
    const type = text("registrant_type");
    if (type !== "organization" && type !== "person") throw new EmulatorError(400, 'registrant_type must be "organization" or "person".');
    const email = text("email");
    if (!EMAIL.test(email)) throw new EmulatorError(400, "Invalid email address.");
    text("applicant_name");
    const zipCode = text("zip_code");
    const city = text("city");
    if (body.agree_to_terms !== true) throw new EmulatorError(400, "You must agree to the Norid Applicant Declaration (agree_to_terms must be true).");
    let holder: DomainHolder;
    if (type === "organization") {
      const orgNumber = text("org_number");
      if (!/^\d{9}$/.test(orgNumber)) throw new EmulatorError(400, "Organization number must be 9 digits.");
      holder = { type, identity: orgNumber, name: text("company_name") };
    } else {
      const pid = text("pid");
      if (!/^N\.PRI\.\d+$/.test(pid)) throw new EmulatorError(400, "Invalid person identifier (format: N.PRI.12345678).");
      holder = { type, identity: pid, name: null };
    }
    this.setHolder(zoneId, holder, { email, zipCode, city });
    this.registrantChanges++;
    this.dns.extendRegistration(zoneId, 365 * 86_400_000);
  }

  /** How many registrant changes (billed orders) were applied (tests). */
  registrantChanges = 0;

  setRegistrantEmail(zoneId: string, body: Record<string, unknown>): void {
    this.requireRegistered(zoneId);
    if (typeof body.email !== "string" || !EMAIL.test(body.email)) throw new EmulatorError(400, "Invalid email address.");
    const settings = this.settings(zoneId);
    settings.email = body.email;
    if (body.enable_protection !== undefined) settings.whoisProtection = body.enable_protection === true || body.enable_protection === 1 || body.enable_protection === "1";
  }

  setAutoRenew(zoneId: string, body: Record<string, unknown>): void {
    this.requireRegistered(zoneId);
    if (![0, 1, "0", "1"].includes(body.auto_renew as never)) throw new EmulatorError(400, "auto_renew must be 0 or 1.");
    this.dns.setZoneFlags(zoneId, { autoRenew: String(body.auto_renew) === "1" });
  }

  setNameservers(zoneId: string, body: Record<string, unknown>): void {
    if (!this.dns.isProtected(zoneId)) throw new EmulatorError(403, "Nameservers can only be changed for protected zones.");
    const list = body.nameservers;
    if (!Array.isArray(list) || list.length < 2) throw new EmulatorError(400, "At least 2 nameservers are required.");
    const names = list.map((name) => (typeof name === "string" ? name.trim().toLowerCase().replace(/\.$/, "") : ""));
    if (names.some((name) => !HOST.test(name))) throw new EmulatorError(400, "Invalid nameserver.");
    const refused = names.find((name) => this.notAuthoritative.has(name));
    if (refused) throw new EmulatorError(400, `Nameserver ${refused} is not authoritative for the domain.`);
    this.settings(zoneId).nameservers = names;
    // "Automatically updates external_dns flag."
    this.dns.setZoneFlags(zoneId, { externalDns: names.some((name) => !GIGAHOST_NAMESERVERS.includes(name)) });
  }

  setDnssec(zoneId: string, body: Record<string, unknown>): void {
    if (!this.dns.isRegistered(zoneId)) throw new EmulatorError(403, "DNSSEC is only available for registered domains.");
    if (![0, 1, "0", "1", true, false].includes(body.enable as never)) throw new EmulatorError(400, "enable must be 0 or 1.");
    this.settings(zoneId).dnssec = body.enable === true || String(body.enable) === "1";
  }

  /** GET ds-records: the zone's own DS records; 400 while DNSSEC is off. */
  dsRecords(zoneId: string): Record<string, unknown>[] {
    const settings = this.settings(zoneId);
    if (!settings.dnssec) throw new EmulatorError(400, "DNSSEC is not enabled for this zone.");
    const digest = createHash("sha256").update(this.dns.zone(zoneId).zone_name).digest("hex").toUpperCase();
    return [{ key_tag: parseInt(digest.slice(0, 4), 16), algorithm: 13, digest_type: 2, digest }];
  }

  externalDs(zoneId: string): DsRecord[] {
    this.requireExternal(zoneId);
    return this.settings(zoneId).externalDs.map((record) => ({ ...record }));
  }

  /** POST ds-records/external: replaces every DS record. */
  replaceExternalDs(zoneId: string, body: Record<string, unknown>): void {
    this.requireExternal(zoneId);
    const list = body.ds_records;
    if (!Array.isArray(list)) throw new EmulatorError(400, "ds_records is required.");
    const records = list.map((item: Record<string, unknown>) => {
      // The document lists the item fields (keyTag, alg, digestType, digest: docs/vendor-documents.md, "Gigahost: DNS"); nothing else.
      const unknown = Object.keys(item ?? {}).find((field) => !DS_ITEM_FIELDS.includes(field));
      if (unknown !== undefined) throw new EmulatorError(400, `Unknown parameter: ds_records[].${unknown}`);
      const record = { keyTag: Number(item?.keyTag), alg: Number(item?.alg), digestType: Number(item?.digestType), digest: String(item?.digest ?? "").toUpperCase() };
      if (!Number.isInteger(record.keyTag) || record.keyTag < 0 || record.keyTag > 65535) throw new EmulatorError(400, "keyTag must be between 0 and 65535.");
      if (!ALGORITHMS.includes(record.alg)) throw new EmulatorError(400, "Invalid value for alg: must be one of 5, 7, 8, 10, 13, 14, 15, 16.");
      if (!(record.digestType in DIGEST_TYPES)) throw new EmulatorError(400, "Invalid value for digestType: must be one of 1, 2, 4.");
      if (!new RegExp(`^[0-9A-F]{${DIGEST_TYPES[record.digestType]}}$`).test(record.digest)) throw new EmulatorError(400, "Invalid digest.");
      return record;
    });
    this.settings(zoneId).externalDs = records;
  }

  snapshot(): DomainSettingsSnapshot {
    return structuredClone(Object.fromEntries(this.byZone));
  }

  restore(snapshot: DomainSettingsSnapshot): void {
    this.byZone = new Map(Object.entries(structuredClone(snapshot)));
  }

  private requireRegistered(zoneId: string): void {
    if (!this.dns.isRegistered(zoneId)) throw new EmulatorError(400, "Only available for registered .no domains.");
  }

  private requireExternal(zoneId: string): void {
    if (this.dns.zone(zoneId).external_dns !== "1") throw new EmulatorError(400, "External DS records are only available for domains using external nameservers.");
  }
}

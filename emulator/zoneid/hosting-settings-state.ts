// Per-service and per-mailbox settings of the ZoneID fake's web hosting
// services, which are singletons rather than collections: DKIM signing
// (`/vserver/{s}/mail/dkim`), SSH settings (`/vserver/{s}/ssh`), the
// autoreply of a mail account or forwarder (`…/{id}/autoreply`), a mail
// account's premium package (`…/account/{id}/premium`) and its application
// passwords (`…/account/{id}/asp`). Schemas: VServerSSHUser,
// MailAccountAutoreply, MailAccountPremium, ApplicationPassword
// (zoneid-openapi.json); the DKIM answers have no schema (guessed, see
// docs/zoneid.md).
import { createHash } from "node:crypto";
import { EmulatorError } from "../core";
import { unprocessable } from "./errors";
import type { ZoneidHostingState } from "./hosting-state";

type Item = Record<string, unknown>;
export type MailTarget = "account" | "forwarder";

/** The premium packages a mailbox can take (guessed: the spec shows only the schema of one). */
export const PREMIUM_PACKAGES: Item[] = [
  { package: "mail-premium-10", package_allowed: true, disk_size: 10 * 1024 ** 3, disk_size_human: "10 GB", price_month: 1.5, price_year: 15 },
  { package: "mail-premium-50", package_allowed: true, disk_size: 50 * 1024 ** 3, disk_size_human: "50 GB", price_month: 4, price_year: 40 },
];
const NO_PREMIUM: Item = { package: "none", package_allowed: true, disk_size: 1024 ** 3, disk_size_human: "1 GB", price_month: 0, price_year: 0 };

const AUTOREPLY_FIELDS = ["is_enabled", "fromname", "subject", "body", "datestart", "dateend"];

export interface HostingSettingsSnapshot {
  dkim: Record<string, { publicKey: string }>;
  sshAccess: Record<string, string>;
  autoreplies: Record<string, Item>;
  premium: Record<string, string>;
  appPasswords: Record<string, Item[]>;
  nextId: number;
  dkimGeneration: number;
}

export class ZoneidHostingSettings {
  private dkim = new Map<string, { publicKey: string }>();
  /** SSH `access` per service ("public" until set: a guess). */
  private sshAccess = new Map<string, string>();
  /** `${service}|${target}|${address}` → autoreply fields. */
  private autoreplies = new Map<string, Item>();
  /** `${service}|${address}` → premium package handle. */
  private premium = new Map<string, string>();
  private appPasswordStore = new Map<string, Item[]>();
  private nextId = 5000;
  private dkimGeneration = 0;

  constructor(private readonly hosting: ZoneidHostingState) {}

  // ---- DKIM --------------------------------------------------------------

  getDkim(service: string): Item {
    this.requireService(service);
    const dkim = this.dkim.get(service);
    if (!dkim) throw new EmulatorError(404, "DKIM is not active");
    return this.dkimView(service, dkim.publicKey);
  }

  /** Activation when DKIM is already active is refused (400, a guess: the entry lists 400 "operation not supported"). */
  activateDkim(service: string): Item {
    this.requireService(service);
    if (this.dkim.has(service)) throw new EmulatorError(400, "Operation not supported: DKIM is already active");
    // A new key on every activation (deterministic, so snapshots replay).
    const publicKey = createHash("sha512").update(`dkim:${service}:${this.dkimGeneration++}`).digest("base64");
    this.dkim.set(service, { publicKey });
    return this.dkimView(service, publicKey);
  }

  deleteDkim(service: string): void {
    this.requireService(service);
    if (!this.dkim.delete(service)) throw new EmulatorError(404, "DKIM is not active");
  }

  // ---- SSH settings --------------------------------------------------------

  sshSettings(service: string): Item {
    this.requireService(service);
    const number = Number.parseInt(createHash("sha1").update(service).digest("hex").slice(0, 4), 16);
    return {
      resource_url: `/vserver/${service}/ssh`,
      identificator: number,
      username: `virt${number}`,
      webhosts: [service],
      server_fingerprints: [`SHA256:${createHash("sha256").update(`host:${service}`).digest("base64").replace(/=+$/, "")}`],
      access: this.sshAccess.get(service) ?? "public",
      ipv4: "192.0.2.80",
      ipv6: "2001:db8::80",
    };
  }

  /** `access` is the only writable field of VServerSSHUser (the spec refuses the others as read-only). */
  updateSshSettings(service: string, body: unknown): Item {
    this.requireService(service);
    const access = asItem(body).access;
    if (access !== undefined) {
      if (access !== "whitelist" && access !== "public") throw unprocessable("Validation failed", { access: ["Allowed: whitelist, public"] });
      this.sshAccess.set(service, access);
    }
    return this.sshSettings(service);
  }

  // ---- autoreply -------------------------------------------------------------

  autoreply(service: string, target: MailTarget, address: string): Item {
    this.requireMailbox(service, target, address);
    return this.autoreplyView(service, target, address);
  }

  /** The end date may not be before the start date (a guess: the spec gives no rule). */
  updateAutoreply(service: string, target: MailTarget, address: string, body: unknown): Item {
    this.requireMailbox(service, target, address);
    const key = `${service}|${target}|${address}`;
    const fields = asItem(body);
    const next: Item = { ...this.autoreplyStored(key) };
    for (const field of AUTOREPLY_FIELDS) if (fields[field] !== undefined) next[field] = fields[field];
    if (typeof next.datestart === "string" && typeof next.dateend === "string" && next.dateend < next.datestart) {
      throw unprocessable("Validation failed", { dateend: ["End date is before start date"] });
    }
    this.autoreplies.set(key, next);
    // The mailbox's read-only `autoreply` flag follows is_enabled (schemas MailAccount, MailForwarder).
    this.hosting.update(service, `mail/${target}`, address, { autoreply: next.is_enabled === true }, { force: true });
    return this.autoreplyView(service, target, address);
  }

  // ---- premium ------------------------------------------------------------------

  premiumStatus(service: string, address: string): Item {
    this.requireMailbox(service, "account", address);
    const handle = this.premium.get(`${service}|${address}`) ?? "none";
    return { ...(PREMIUM_PACKAGES.find((item) => item.package === handle) ?? NO_PREMIUM) };
  }

  /** "@{service}" asks for a new account's options ("enter @Virtserver.Name as identificator"). */
  premiumOptions(service: string, address: string): Item[] {
    if (address === `@${service}`) this.requireService(service);
    else this.requireMailbox(service, "account", address);
    return PREMIUM_PACKAGES.map((item) => ({ ...item }));
  }

  /** `none` turns premium off (a guess: "Turn on/off"; the GET answers 'none' if not premium). */
  setPremium(service: string, address: string, body: unknown): Item {
    this.requireMailbox(service, "account", address);
    const handle = asItem(body).package;
    if (typeof handle !== "string" || (handle !== "none" && !PREMIUM_PACKAGES.some((item) => item.package === handle))) {
      throw unprocessable("Validation failed", { package: [`Allowed: none, ${PREMIUM_PACKAGES.map((item) => item.package).join(", ")}`] });
    }
    if (handle === "none") this.premium.delete(`${service}|${address}`);
    else this.premium.set(`${service}|${address}`, handle);
    return this.premiumStatus(service, address);
  }

  // ---- application passwords --------------------------------------------------

  appPasswords(service: string, address: string): Item[] {
    this.requireMailbox(service, "account", address);
    return (this.appPasswordStore.get(`${service}|${address}`) ?? []).map((item) => ({ ...item, scopes: [...(item.scopes as string[])] }));
  }

  /** An application password as the mailbox's owner makes one in the webmail (the API has no create). */
  addAppPassword(service: string, address: string, name: string, scopes: string[] = ["imap", "smtp"]): Item {
    this.requireMailbox(service, "account", address);
    const key = `${service}|${address}`;
    const id = this.nextId++;
    const item = { identificator: String(id), resource_url: `/vserver/${service}/mail/account/${address}/asp/${id}`, type: "zmail", name, scopes, created: "2026-01-01T00:00:00+02:00" };
    this.appPasswordStore.set(key, [...(this.appPasswordStore.get(key) ?? []), item]);
    return { ...item };
  }

  deleteAppPassword(service: string, address: string, id: string): void {
    this.requireMailbox(service, "account", address);
    const key = `${service}|${address}`;
    const items = this.appPasswordStore.get(key) ?? [];
    if (!items.some((item) => item.identificator === id)) throw new EmulatorError(404, "Not found");
    this.appPasswordStore.set(key, items.filter((item) => item.identificator !== id));
  }

  // ---- snapshots --------------------------------------------------------------

  snapshot(): HostingSettingsSnapshot {
    return {
      dkim: Object.fromEntries(this.dkim),
      sshAccess: Object.fromEntries(this.sshAccess),
      autoreplies: Object.fromEntries([...this.autoreplies].map(([key, item]) => [key, { ...item }])),
      premium: Object.fromEntries(this.premium),
      appPasswords: Object.fromEntries([...this.appPasswordStore].map(([key, items]) => [key, structuredClone(items)])),
      nextId: this.nextId,
      dkimGeneration: this.dkimGeneration,
    };
  }

  restore(snapshot: HostingSettingsSnapshot | undefined): void {
    this.dkim = new Map(Object.entries(snapshot?.dkim ?? {}));
    this.sshAccess = new Map(Object.entries(snapshot?.sshAccess ?? {}));
    this.autoreplies = new Map(Object.entries(snapshot?.autoreplies ?? {}));
    this.premium = new Map(Object.entries(snapshot?.premium ?? {}));
    this.appPasswordStore = new Map(Object.entries(snapshot?.appPasswords ?? {}).map(([key, items]) => [key, structuredClone(items)]));
    this.nextId = snapshot?.nextId ?? 5000;
    this.dkimGeneration = snapshot?.dkimGeneration ?? 0;
  }

  // ---- internals ----------------------------------------------------------------

  private dkimView(service: string, publicKey: string): Item {
    return { resource_url: `/vserver/${service}/mail/dkim`, public_key: publicKey };
  }

  private autoreplyStored(key: string): Item {
    return this.autoreplies.get(key) ?? { is_enabled: false, fromname: "", subject: "", body: "" };
  }

  private autoreplyView(service: string, target: MailTarget, address: string): Item {
    return { resource_url: `/vserver/${service}/mail/${target}/${address}/autoreply`, ...this.autoreplyStored(`${service}|${target}|${address}`) };
  }

  /** 404 when the service is gone (listing throws "Service not found"). */
  private requireService(service: string): void {
    this.hosting.list(service, "mail/account");
  }

  private requireMailbox(service: string, target: MailTarget, address: string): void {
    this.hosting.get(service, `mail/${target}`, address);
  }
}

function asItem(body: unknown): Item {
  if (Array.isArray(body)) body = body[0];
  if (!body || typeof body !== "object") throw new EmulatorError(400, "Invalid request body");
  return body as Item;
}

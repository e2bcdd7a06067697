// Billing (additional packages), option lists, domain orders and server facts
// of the ZoneID fake (zoneid-openapi.json tags "Additional package",
// "Webhosting", "ZoneCloud", and the OPTIONS operations of Domain, Crontab,
// MySQL and FTP users). Where the document gives no answer schema (the
// OPTIONS of billing resources and FTP countries) or no way to say something
// (which package a POST adds), the fake's choice is a guess listed in
// docs/zoneid.md.
import { EmulatorError, type EmulatorClock } from "../core";
import type { DomainSettings } from "./domain-state";
import { unprocessable } from "./errors";
import { MYSQL_PERMISSIONS } from "./hosting-state";

type Item = Record<string, unknown>;

/** An additional package a web hosting service can take. */
export interface CatalogueEntry {
  package: string;
  name: string;
  price: number;
}

/** The packages on offer to every service (a guess: the document lists none). */
export const BILLING_CATALOGUE: CatalogueEntry[] = [
  { package: "disk_10gb", name: "Additional disk space 10 GB", price: 1.5 },
  { package: "mailbox_pack", name: "Additional e-mail boxes (10)", price: 2 },
  { package: "php_workers", name: "Additional PHP workers", price: 3 },
];

export const MYSQL_COLLATIONS = ["utf8mb4_unicode_ci", "utf8mb4_general_ci", "utf8mb4_0900_ai_ci", "utf8mb4_estonian_ci", "latin1_swedish_ci"];
export const CRONTAB_OPTIONS = ["http", "system"];
export const FTP_COUNTRIES = ["EE", "FI", "LV", "LT", "SE", "NO", "DE"];

interface AdditionalPackage {
  identificator: string;
  package: string;
  name: string;
  quantity: number;
}

/** How long a renewal order stays pending before the registry applies it (emulator clock; a guess). */
export const RENEWAL_MS = 60 * 60_000;

interface PendingRenewal {
  domain: string;
  period: number;
  completesAt: number;
}

export interface ExtrasSnapshot {
  nextId: number;
  /** Pending renewals by order id, with the time left (restored relative to the new clock). */
  renewals?: Record<string, { domain: string; period: number; remainingMs: number }>;
  billing: Record<string, AdditionalPackage[]>;
  turbos: Record<string, Item[]>;
  zoneCloud: Record<string, Item[]>;
  domainOrders: Item[];
}

export class ZoneidExtrasState {
  private nextId = 500;
  private billing = new Map<string, AdditionalPackage[]>();
  private turbos = new Map<string, Item[]>();
  private zoneCloud = new Map<string, Item[]>();
  private domainOrders: Item[] = [];
  private renewals = new Map<string, PendingRenewal>();
  private failNextRenewal = false;

  /** `hasService`: whether a web hosting service exists (the hosting state knows); `domainOf` the domain's settings or undefined. */
  constructor(
    private readonly clock: EmulatorClock,
    private readonly hasService: (name: string) => boolean,
    private readonly domainOf: (name: string) => DomainSettings | undefined,
  ) {}

  private hasDomain(name: string): boolean {
    return this.domainOf(name) !== undefined;
  }

  // ---- additional packages ------------------------------------------------

  billingOptions(service: string): Item[] {
    this.service(service);
    return BILLING_CATALOGUE.map((entry) => ({ ...entry }));
  }

  listPackages(service: string): Item[] {
    return this.packages(service).map((item) => this.packageView(service, item));
  }

  getPackage(service: string, id: string): Item {
    return this.packageView(service, this.findPackage(service, id));
  }

  /**
   * POST: the body has only `quantity` (the document marks `package`
   * read-only); the package to add comes as the `package` query parameter
   * (a guess). "Package already exists" (400) when the service has it.
   */
  addPackage(service: string, uname: string | undefined, body: unknown): Item {
    const items = this.packages(service);
    const entry = BILLING_CATALOGUE.find((candidate) => candidate.package === uname);
    if (!entry) throw unprocessable("Invalid input", { package: [`Unknown package (available: ${BILLING_CATALOGUE.map((c) => c.package).join(", ")})`] });
    const quantity = quantityOf(body, 1);
    if (items.some((item) => item.package === entry.package)) throw new EmulatorError(400, "Package already exists");
    const item: AdditionalPackage = { identificator: String(this.nextId++), package: entry.package, name: entry.name, quantity };
    items.push(item);
    return this.packageView(service, item);
  }

  setQuantity(service: string, id: string, body: unknown): Item {
    const item = this.findPackage(service, id);
    item.quantity = quantityOf(body, item.quantity);
    return this.packageView(service, item);
  }

  removePackage(service: string, id: string): void {
    const items = this.packages(service);
    const index = items.findIndex((item) => item.identificator === id);
    // The operation's entry answers a missing package 400 "Not found" (404 is the service's).
    if (index < 0) throw new EmulatorError(400, "Not found");
    items.splice(index, 1);
  }

  /** An out-of-band change, as made in the Zone.eu web UI (tests). */
  changePackage(service: string, id: string, changes: Partial<AdditionalPackage>): Item {
    return this.packageView(service, Object.assign(this.findPackage(service, id), changes));
  }

  // ---- option lists -------------------------------------------------------

  crontabOptions(service: string): string[] {
    this.service(service);
    return [...CRONTAB_OPTIONS];
  }

  ftpCountries(service: string): string[] {
    this.service(service);
    return [...FTP_COUNTRIES];
  }

  mysqlOptions(service: string): string[] {
    this.service(service);
    return [...MYSQL_COLLATIONS];
  }

  mysqlPermissionOptions(service: string): string[] {
    this.service(service);
    return [...MYSQL_PERMISSIONS];
  }

  /** "Get domain options": renewal for 1–3 years, 2–13 name servers, one registrant (guessed figures). */
  domainOptions(name: string): Item {
    if (!this.hasDomain(name)) throw new EmulatorError(404, "Domain not found");
    const periods = [1, 2, 3].map((period) => ({
      period,
      expire_new: `${2027 + period}-06-30T00:00:00+03:00`,
      price_per_year: 12,
      total_price: 12 * period,
      total_price_with_tax: Math.round(12 * period * 1.24 * 100) / 100,
    }));
    return {
      renewal_options: [{ action: "renew", action_periods: periods }],
      nameserver: [{ min: 2, max: 13 }],
      contact: [{ registrant: [{ min: 1, max: 1 }], admin: [{ min: 0, max: 1 }], tech: [{ min: 0, max: 3 }] }],
    };
  }

  // ---- server facts, turbos, ZoneCloud --------------------------------------

  serverInfo(service: string): Item {
    this.service(service);
    const user = `virt${[...service].reduce((sum, char) => sum + char.charCodeAt(0), 0)}`;
    return {
      domain_name: service,
      domain_name_temporary: `${user}.zonevs.eu`,
      ipv4: "217.146.69.10",
      ipv6: "2a02:250:0:8::10",
      homedir: `/data01/${user}`,
      homedir_http: `/data01/${user}/domeenid/www.${service}/htdocs`,
      homedir_https: `/data01/${user}/domeenid/www.${service}/secure_htdocs`,
      mysql_hostname: "d1.mysql.zonevs.eu",
      loopback_hostname: `${user}.loopback.zonevs.eu`,
      loopback_ipv4: "127.0.10.10",
      system_username: user,
      bin_path_sendmail: "/usr/sbin/sendmail",
      bin_path_convert: "/usr/bin/convert",
      pma_url: "https://pma.zone.eu/",
      resource_url: `/vserver/${service}/serverinfo`,
    };
  }

  /** A turbo, as if added in the web UI (tests). */
  addTurbo(service: string, ttl: number): Item {
    this.service(service);
    const turbo: Item = { identificator: String(this.nextId++), start: "2026-01-01T10:00:00+02:00", end: "2026-01-01T11:00:00+02:00", active: true, ttl };
    const list = this.turbos.get(service) ?? [];
    list.push(turbo);
    this.turbos.set(service, list);
    return { ...turbo, resource_url: `/vserver/${service}/turbo/${turbo.identificator}` };
  }

  /** "Display listing of turbos": the turbos with that identificator (one, or 404). */
  listTurbos(service: string, id: string): Item[] {
    this.service(service);
    const found = (this.turbos.get(service) ?? []).filter((turbo) => turbo.identificator === id);
    if (found.length === 0) throw new EmulatorError(404, "Not found");
    return found.map((turbo) => ({ ...turbo, resource_url: `/vserver/${service}/turbo/${turbo.identificator}` }));
  }

  /** A ZoneCloud account, as if made in the web UI (tests). */
  addZoneCloudAccount(service: string, email: string, premium = false): Item {
    this.service(service);
    const account: Item = { identificator: email, premium, disk_size: premium ? "1099511627776" : "10737418240", disk_size_human: premium ? "1024" : "10", disk_usage_percent_human: "3%" };
    const list = this.zoneCloud.get(service) ?? [];
    list.push(account);
    this.zoneCloud.set(service, list);
    return { ...account };
  }

  listZoneCloud(service: string): Item[] {
    this.service(service);
    return (this.zoneCloud.get(service) ?? []).map((account) => ({ ...account }));
  }

  getZoneCloud(service: string, id: string): Item {
    return { ...this.findZoneCloud(service, id) };
  }

  /** "Display available zonecloud options": the plans the account can take (premium or not; a guess of the shape's meaning). */
  zoneCloudOptions(service: string, id: string): Item[] {
    const account = this.findZoneCloud(service, id);
    return [false, true].map((premium) => ({ identificator: String(account.identificator), premium, disk_size_human: premium ? "1024" : "10" }));
  }

  // ---- domain orders ---------------------------------------------------------

  /** An order, as if placed in the web UI (tests). */
  addDomainOrder(vatRate = "24", errors?: string): Item {
    // `errors` ("null when none") is a plain string in the schema: left out when there are none.
    const order: Item = { identificator: String(this.nextId++), datetime_ordered: new Date(this.clock.now()).toISOString(), vat_rate: vatRate };
    if (errors !== undefined) order.errors = errors;
    this.domainOrders.push(order);
    return orderView(order);
  }

  listDomainOrders(): Item[] {
    return this.domainOrders.map(orderView);
  }

  getDomainOrder(id: string): Item {
    const order = this.domainOrders.find((candidate) => candidate.identificator === id);
    if (!order) throw new EmulatorError(404, "Order not found");
    return orderView(order);
  }

  /**
   * "Renew or reactivate a domain": one order per item of the body; the
   * domain's `renew_order` names it while it is pending (schema Domain: "null
   * if no pending order or order_id"), and a domain with a pending order is
   * not renewable (400). The registry applies it RENEWAL_MS later: the expiry
   * moves by `period` years.
   */
  renew(body: unknown): Item[] {
    const items = Array.isArray(body) ? body : [];
    if (items.length === 0) throw new EmulatorError(400, "Malformed input: an array of { domain, period } is required");
    const failing = this.failNextRenewal;
    this.failNextRenewal = false;
    return items.map((item: Item) => {
      const domain = this.domainOf(String(item.domain ?? ""));
      if (!domain) throw new EmulatorError(404, "Domain not found");
      const period = item.period;
      if (typeof period !== "number" || !Number.isInteger(period) || period < 1 || period > 3) throw unprocessable("Invalid input", { period: ["Must be a period from Domain Options (1, 2 or 3)"] });
      if (domain.renew_order) throw new EmulatorError(400, "Domain is not renewable: a renewal order is pending");
      // Schema Order: `errors` is the "Number of failed rows" (a string); a failed row renews nothing.
      if (failing) return this.addDomainOrder("24", "1");
      const order = this.addDomainOrder();
      const id = String(order.identificator);
      domain.renew_order = id;
      this.renewals.set(id, { domain: domain.name, period, completesAt: this.clock.now() + RENEWAL_MS });
      return order;
    });
  }

  /**
   * The next "Renew or reactivate a domain" fails its rows (tests): ZoneID
   * answers 201 with the order, its `errors` the number of failed rows ("1"
   * a row), and renews nothing.
   */
  failNextRenewalRows(): void {
    this.failNextRenewal = true;
  }

  /** "Cancel domain order": only a pending one (400 once applied). */
  cancelDomainOrder(id: string): void {
    const index = this.domainOrders.findIndex((order) => order.identificator === id);
    if (index < 0) throw new EmulatorError(404, "Order not found");
    const pending = this.renewals.get(id);
    if (!pending) throw new EmulatorError(400, "Order is completed and can no longer be cancelled");
    this.domainOrders.splice(index, 1);
    this.renewals.delete(id);
    const domain = this.domainOf(pending.domain);
    if (domain) delete domain.renew_order;
  }

  /** Applies the renewals that are due (before every request, and in tests after moving the clock). */
  settle(): void {
    const now = this.clock.now();
    for (const [id, renewal] of this.renewals) {
      if (renewal.completesAt > now) continue;
      this.renewals.delete(id);
      const domain = this.domainOf(renewal.domain);
      if (!domain) continue;
      domain.expires = domain.expires.replace(/^(\d{4})/, (year) => String(Number(year) + renewal.period));
      delete domain.renew_order;
    }
  }

  snapshot(): ExtrasSnapshot {
    const copy = <T>(map: Map<string, T[]>) => Object.fromEntries([...map].map(([key, items]) => [key, structuredClone(items)]));
    const now = this.clock.now();
    const renewals = Object.fromEntries([...this.renewals].map(([id, renewal]) => [id, { domain: renewal.domain, period: renewal.period, remainingMs: Math.max(0, renewal.completesAt - now) }]));
    return { nextId: this.nextId, renewals, billing: copy(this.billing), turbos: copy(this.turbos), zoneCloud: copy(this.zoneCloud), domainOrders: structuredClone(this.domainOrders) };
  }

  restore(snapshot: ExtrasSnapshot | undefined): void {
    const map = <T>(record: Record<string, T[]> | undefined) => new Map(Object.entries(record ?? {}).map(([key, items]) => [key, structuredClone(items)]));
    this.nextId = snapshot?.nextId ?? 500;
    this.billing = map(snapshot?.billing);
    this.turbos = map(snapshot?.turbos);
    this.zoneCloud = map(snapshot?.zoneCloud);
    this.domainOrders = structuredClone(snapshot?.domainOrders ?? []);
    const now = this.clock.now();
    this.renewals = new Map(Object.entries(snapshot?.renewals ?? {}).map(([id, renewal]) => [id, { domain: renewal.domain, period: renewal.period, completesAt: now + renewal.remainingMs }]));
  }

  // ---- internals --------------------------------------------------------------

  private service(name: string): void {
    if (!this.hasService(name)) throw new EmulatorError(404, "Service not found");
  }

  private packages(service: string): AdditionalPackage[] {
    this.service(service);
    let items = this.billing.get(service);
    if (!items) this.billing.set(service, (items = []));
    return items;
  }

  private findPackage(service: string, id: string): AdditionalPackage {
    const item = this.packages(service).find((candidate) => candidate.identificator === id);
    if (!item) throw new EmulatorError(404, "Not found");
    return item;
  }

  private packageView(service: string, item: AdditionalPackage): Item {
    return { ...item, resource_url: `/vserver/${service}/billing/resources/${item.identificator}` };
  }

  private findZoneCloud(service: string, id: string): Item {
    this.service(service);
    const account = (this.zoneCloud.get(service) ?? []).find((candidate) => candidate.identificator === id);
    if (!account) throw new EmulatorError(404, "Not found");
    return account;
  }
}

/** A quantity of 1–100 (a guess: the document gives no bounds); `fallback` when the body has none. */
function quantityOf(body: unknown, fallback: number): number {
  const fields = (Array.isArray(body) ? body[0] : body) as Item | undefined;
  const quantity = fields?.quantity ?? fallback;
  if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1 || quantity > 100) {
    throw unprocessable("Invalid input", { quantity: ["Must be a whole number from 1 to 100"] });
  }
  return quantity;
}

function orderView(order: Item): Item {
  return { ...order, resource_url: `/order/domain/${order.identificator}` };
}

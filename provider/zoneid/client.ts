import { z } from "zod";
import { urlPath } from "../urlPath";
import { Clock, realClock } from "../clock";
import { ApiError, ConfigurationError, RateLimitedError, unlessGone } from "../errors";
import { BusyRetryOptions, retryWhileBusy } from "../busy";
import { HttpCore, HttpMethod } from "../http";
import { FOR_THE_WHOLE_COMMAND, ShortLivedCache } from "../cache";
import { KeyedMutex } from "../limit";
import { Logger, stderrLogger } from "../log";
import { collectPages } from "../paginate";
import { RetryPolicy } from "../retry";
import { basicCredentials } from "../redact";
import { SettingsSource, VendorSettings, apiUrlSetting, vendorSettings, clientRegistry } from "../settings";
import { CloudOptions, CloudOrderWire, CloudServerWire, DomainWire, cloudOptionsWire, cloudOrderWire, cloudServerWire, domainWire, mysqlPermissionWire } from "./serviceWire";
import { appPasswordWire, autoreplyWire, dkimWire, ftpAllowlistWire, mailPremiumWire, sshSettingsWire } from "./serviceWire";
import { SlidingWindowLimiter } from "./rateLimiter";
import { DomainOrderWire, DomainRenewalWire, ServerInfoWire, TurboWire, additionalPackageWire, domainOrderWire, domainPreferencesWire, domainRenewalWire, serverInfoWire, turboWire } from "./extrasWire";
import {
  RecordBody,
  RecordWire,
  ZoneBody,
  ZoneWire,
  noContent,
  recordList,
  recordWire,
  single,
  singleOrBare,
  zoneWire,
  zoneidFieldErrors,
  zoneidMessage,
} from "./wire";

export const DEFAULT_API_URL = "https://api.zone.eu/v2";
export const SETTINGS_KEYS = ["username", "apiKey", "apiUrl"] as const;
/** Items per page: the documented maximum (default 10). */
export const PAGE_LIMIT = 100;

export interface ClientOptions {
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

/**
 * Failures that mean "the object is busy, try again later": 409 (a
 * concurrent request on the same object) and "process locked" (an operation
 * still runs on the object, e.g. a VM being built): 400 in the intro's status
 * list, 500 where an operation lists no 400 (cloud actions). Retried by
 * `write` and `remove` through provider/busy.ts, the one layer that does.
 */
export function isZoneidBusy(error: ApiError): boolean {
  return error.status === 409 || ((error.status === 400 || error.status === 500) && /process\s+locked|locked/i.test(error.vendorMessage ?? ""));
}

/**
 * A write ZoneID refused before doing anything: busy, or 429 (the limiter
 * then holds every request until the window refills), so trying again is
 * safe even for a POST.
 */
function isRefusedForNow(error: ApiError): boolean {
  return error instanceof RateLimitedError || isZoneidBusy(error);
}

/**
 * One limiter per endpoint and account for the whole process: the budget is
 * per IP at the vendor, so every client this process builds must share it.
 */
const limiters = new Map<string, SlidingWindowLimiter>();

export function sharedLimiter(key: string, clock: Clock, logger: Logger): SlidingWindowLimiter {
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new SlidingWindowLimiter({ clock, logger, label: "ZoneID" });
    limiters.set(key, limiter);
  }
  return limiter;
}

/**
 * How long a record listing serves reads (see ShortLivedCache): the whole
 * command. At 60 requests a minute a refresh of many records runs for
 * minutes, and any fixed age would make it list the same (zone, type) again
 * (43 to 58 GETs instead of 5 for 150 records of five types, measured on a
 * 600x clock). Our own writes keep the listing true, a failed write drops
 * it, and a look after a write whose answer was lost goes past it (`fresh`).
 * Changes made by others during the command are seen by the next command's
 * new provider process; see
 * (docs/zoneid.md, "Reads share one listing per zone and type").
 */
const LISTING_MAX_AGE_MS = FOR_THE_WHOLE_COMMAND;

/**
 * Record writes to one zone run one at a time in this process (the same
 * mechanism as Gigahost's), so a create's look at the zone and its write
 * cannot interleave with another resource's: two declarations of one record
 * would otherwise both see it missing and both create it. Keyed by endpoint
 * and zone, shared by every client in the process.
 */
const zoneLocks = new KeyedMutex();

/** The service types whose objects are collections under /{type}/{service_name}/. */
export type ServiceType = "vserver" | "domain";

export type RecordType = "a" | "aaaa" | "ns" | "mx" | "cname" | "txt" | "caa" | "sshfp" | "srv" | "url" | "tlsa";

export class ZoneidClient {
  readonly http: HttpCore;
  readonly limiter: SlidingWindowLimiter;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly random: () => number;
  /** Overrides of the retry policies (tests shorten them). */
  private readonly policy: Partial<RetryPolicy>;
  private readonly recordListings: ShortLivedCache<RecordWire[] | undefined>;

  constructor(settings: VendorSettings, options: ClientOptions = {}) {
    const { username, apiKey } = credentials(settings);
    const baseUrl = apiUrlSetting(settings, DEFAULT_API_URL);
    this.clock = options.clock ?? realClock;
    this.logger = options.logger ?? stderrLogger;
    this.random = options.random ?? Math.random;
    this.policy = options.retry ?? {};
    this.recordListings = new ShortLivedCache(LISTING_MAX_AGE_MS, this.clock);
    this.limiter = sharedLimiter(`${baseUrl}|${username}`, this.clock, this.logger);
    const authorization = `Basic ${basicCredentials(username, apiKey)}`;
    this.http = new HttpCore({
      vendor: "ZoneID",
      settings,
      credentialKeys: ["username", "apiKey"],
      baseUrl,
      auth: async () => ({ Authorization: authorization }),
      vendorMessage: zoneidMessage,
      fieldErrors: zoneidFieldErrors,
      // The limiter decides the pace; a few in flight keep latency from wasting budget.
      concurrency: 4,
      pacer: this.limiter,
      clock: this.clock,
      logger: this.logger,
      random: this.random,
      retry: options.retry,
    });
  }

  // ---- transport helpers ------------------------------------------------

  private async get<T>(path: string, schema: z.ZodType<T>, query?: Record<string, string | number | undefined>): Promise<T> {
    return (await this.http.request({ method: "GET", path, schema, query })).body;
  }

  /** GET of one item; undefined on 404. */
  private async getOne<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
    return this.http.getOptional(path, single(schema));
  }

  /**
   * Every page of a list, 100 items at a time, through the `x-pager-*`
   * headers. Endpoints without a pager answer everything at once and send no
   * `x-pager-enabled`: that is one page.
   */
  private async list<T>(path: string, item: z.ZodType<T>): Promise<T[]> {
    return collectPages(1, async (page: number) => {
      const response = await this.http.request({
        method: "GET",
        path,
        schema: z.array(item),
        headers: { "x-pager-page": String(page), "x-pager-limit": String(PAGE_LIMIT) },
      });
      const pages = Number(response.headers["x-pager-pages"]);
      const enabled = response.headers["x-pager-enabled"] === "1";
      return { items: response.body, next: enabled && Number.isFinite(pages) && page < pages ? page + 1 : undefined };
    });
  }

  /**
   * A write, sent once by the HTTP core (retry: false: a POST is not
   * idempotent, and ZoneID's PUTs are taken as not safe to repeat blindly
   * either). It is repeated only after answers that say the API refused it
   * before doing anything: 429, 409 concurrent request and "process locked"
   * (provider/busy.ts): a few tries, or until the operation's deadline where
   * the object stays busy while a job runs (`untilDeadline`: a cloud server's
   * resize, actions, access). Any other failure is for the caller to reconcile.
   */
  async write<T>(
    method: HttpMethod,
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    query?: Record<string, string | number | undefined>,
    untilDeadline = false,
  ): Promise<T> {
    return retryWhileBusy(
      async () => (await this.http.request({ method, path, body, query, schema, retry: false })).body,
      this.busyOptions(`ZoneID: ${method} ${path}`, isRefusedForNow, untilDeadline),
    );
  }

  /**
   * DELETE, repeated while the object is busy; false when it was already gone
   * (404). A DELETE is safe to repeat: the HTTP core retries its transport
   * failures (429 included), this only the busy refusals.
   */
  private async remove(path: string, untilDeadline = false): Promise<boolean> {
    const deleted = await retryWhileBusy(() => this.http.deleteOptional(path, noContent), this.busyOptions(`ZoneID: DELETE ${path}`, isZoneidBusy, untilDeadline));
    return deleted !== undefined;
  }

  private busyOptions(description: string, isBusy: (error: ApiError) => boolean, untilDeadline: boolean): BusyRetryOptions {
    // A 429 needs no wait of its own: the limiter holds the next request until the window refills.
    return { description, isBusy, untilDeadline, clock: this.clock, logger: this.logger, random: this.random, policy: this.policy };
  }

  // ---- DNS zones --------------------------------------------------------

  async getZone(zone: string): Promise<ZoneWire | undefined> {
    return this.getOne(urlPath`/dns/${zone}`, zoneWire);
  }

  async updateZone(zone: string, body: ZoneBody): Promise<ZoneWire> {
    return this.write("PUT", urlPath`/dns/${zone}`, single(zoneWire), body);
  }

  /**
   * The records of one type as ZoneID lists them now, past any shared
   * listing, or undefined when the zone is gone: what a zone resource plans
   * against and verifies with (one GET per type; the lists take no pager).
   */
  async readRecordsOfType(zone: string, type: RecordType): Promise<RecordWire[] | undefined> {
    return this.http.getOptional(urlPath`/dns/${zone}/${type}`, z.array(recordWire));
  }

  // ---- DNS records ------------------------------------------------------

  /**
   * The records of one type in a zone, or undefined when the zone is gone.
   * The reads of one command share one listing per (zone, type) (a refresh
   * of many records costs one call per type, however long it runs); pass
   * `fresh` to look past it, e.g. after a write whose answer was lost. Our
   * own writes keep the cached listing true (see createRecord, updateRecord,
   * deleteRecord); a failed one drops it. `maxAgeMs` bounds the age of a
   * cached listing for a caller that must see others' recent writes.
   */
  async listRecords(zone: string, type: RecordType, options: { fresh?: boolean; maxAgeMs?: number } = {}): Promise<RecordWire[] | undefined> {
    // The record lists take no pager parameters (ZoneID's OpenAPI spec): one GET answers every record.
    const fetch = () => this.http.getOptional(urlPath`/dns/${zone}/${type}`, z.array(recordWire));
    const key = recordListingKey(zone, type);
    return options.fresh ? this.recordListings.refresh(key, fetch) : this.recordListings.get(key, fetch, options.maxAgeMs);
  }

  /** Runs `task` while no other record write to this zone runs in this process. */
  withZoneLock<T>(zone: string, task: () => Promise<T>): Promise<T> {
    return zoneLocks.run(`${this.http.baseUrl}|${zone.toLowerCase()}`, task);
  }

  async getRecord(zone: string, type: RecordType, id: string): Promise<RecordWire | undefined> {
    return this.getOne(urlPath`/dns/${zone}/${type}/${id}`, recordWire);
  }

  /**
   * POST of a record. The answer is added to the cached listing, so the next
   * create in the zone sees it without listing again; a failure (the record
   * may or may not exist) drops the cached listing.
   */
  async createRecord(zone: string, type: RecordType, body: RecordBody): Promise<RecordWire> {
    return this.recordWrite(zone, type, () => this.write("POST", urlPath`/dns/${zone}/${type}`, single(recordWire), body), (records, made) => [...records, made]);
  }

  async updateRecord(zone: string, type: RecordType, id: string, body: RecordBody): Promise<RecordWire> {
    return this.recordWrite(zone, type, () => this.write("PUT", urlPath`/dns/${zone}/${type}/${id}`, single(recordWire), body), (records, made) =>
      records.map((record) => (record.id === id ? made : record)),
    );
  }

  async deleteRecord(zone: string, type: RecordType, id: string): Promise<boolean> {
    return this.recordWrite(zone, type, () => this.remove(urlPath`/dns/${zone}/${type}/${id}`), (records) => records.filter((record) => record.id !== id));
  }

  /** A record write that keeps the cached listing of its zone and type true. */
  private async recordWrite<T>(zone: string, type: RecordType, write: () => Promise<T>, amend: (records: RecordWire[], result: T) => RecordWire[]): Promise<T> {
    const key = recordListingKey(zone, type);
    try {
      const result = await write();
      this.recordListings.amend(key, (records) => records && amend(records, result));
      return result;
    } catch (error) {
      this.recordListings.invalidate(key);
      throw error;
    }
  }

  // ---- service collections (web hosting, domains) ------------------------
  // `/{serviceType}/{service}/{collection}[/{id}]`, e.g. /vserver/example.com/mail/account
  // or /domain/example.com/nameserver. `collection` is a fixed path of ours;
  // only the service name and the id are user values.

  /** Every item of a collection, or undefined when the service is gone. */
  async listServiceItems<T>(serviceType: ServiceType, service: string, collection: string, item: z.ZodType<T>): Promise<T[] | undefined> {
    return unlessGone(this.list(collectionPath(serviceType, service, collection), item));
  }

  async getServiceItem<T>(serviceType: ServiceType, service: string, collection: string, id: string, item: z.ZodType<T>): Promise<T | undefined> {
    return this.getOne(collectionPath(serviceType, service, collection, id), item);
  }

  /**
   * POST of one item; `body` is an array where the operation takes a list (the answer then holds the one item made).
   * `query` carries what the operation's body cannot (an additional package's uname: docs/zoneid.md, guesses).
   */
  async createServiceItem<T>(
    serviceType: ServiceType,
    service: string,
    collection: string,
    item: z.ZodType<T>,
    body: Record<string, unknown> | Record<string, unknown>[] | undefined,
    query?: Record<string, string>,
  ): Promise<T> {
    return this.write("POST", collectionPath(serviceType, service, collection), single(item), body, query);
  }

  /** Saves an item: PUT, or POST where the document saves with it (`POST /vserver/{s}/portforward/{id}`). */
  async updateServiceItem<T>(serviceType: ServiceType, service: string, collection: string, id: string, item: z.ZodType<T>, body: Record<string, unknown>, method: "PUT" | "POST" = "PUT"): Promise<T> {
    return this.write(method, collectionPath(serviceType, service, collection, id), singleOrBare(item), body);
  }

  /**
   * POST `/vserver/{service}/{collection}/{id}/{action}` with no body (PM2 and
   * Redis start/stop/restart, Redis regenerateauth): the item as it is after.
   */
  async webHostingItemAction<T>(service: string, collection: string, id: string, action: string, item: z.ZodType<T>): Promise<T> {
    return this.write("POST", `${collectionPath("vserver", service, collection, id)}/${action}`, single(item));
  }

  /** POST /vserver/{service}/portforward/{id}/acl: adds an address to a port forward's access list. */
  async addPortForwardAclEntry<T>(service: string, forwardId: string, ip: string, item: z.ZodType<T>): Promise<T> {
    return this.write("POST", `${collectionPath("vserver", service, "portforward", forwardId)}/acl`, single(item), { ip });
  }

  /** DELETE /vserver/{service}/portforward/{id}/acl/{acl_ip_identificator}; false when it was already gone. */
  async deletePortForwardAclEntry(service: string, forwardId: string, aclId: string): Promise<boolean> {
    return this.remove(`${collectionPath("vserver", service, "portforward", forwardId)}${urlPath`/acl/${aclId}`}`);
  }

  async deleteServiceItem(serviceType: ServiceType, service: string, collection: string, id: string): Promise<boolean> {
    return this.remove(collectionPath(serviceType, service, collection, id));
  }

  /**
   * "Delete an additional package of a virtual server"; false when it was
   * already gone. The operation's entry lists 400 "Not found" beside 404, so
   * a 400 is checked by reading the package: gone (e.g. the retry of a DELETE
   * whose answer was lost) is success, otherwise the refusal stands.
   */
  async deleteAdditionalPackage(service: string, id: string): Promise<boolean> {
    const path = collectionPath("vserver", service, "billing/resources", id);
    try {
      return await this.remove(path);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 400) throw error;
      if ((await this.getOne(path, additionalPackageWire)) !== undefined) throw error;
      return false;
    }
  }

  /** A MySQL account's grants, one entry per database; undefined when the account is gone. */
  async listMysqlPermissions(service: string, username: string): Promise<MysqlPermissionWire[] | undefined> {
    return this.listServiceItems("vserver", service, urlPath`database/mysql/account/${username}/permission`, mysqlPermissionWire);
  }

  async setMysqlPermissions(service: string, username: string, database: string, permissions: string[]): Promise<MysqlPermissionWire> {
    return this.write("PUT", urlPath`/vserver/${service}/database/mysql/account/${username}/permission/${database}`, single(mysqlPermissionWire), {
      permissions,
    });
  }

  // ---- domains ----------------------------------------------------------

  /** Every domain of the account, 100 a page. */
  async listDomains(): Promise<DomainWire[]> {
    return this.list("/domain", domainWire);
  }

  async getDomain(name: string): Promise<DomainWire | undefined> {
    return this.getOne(urlPath`/domain/${name}`, domainWire);
  }

  async updateDomain(name: string, body: Record<string, boolean>): Promise<DomainWire> {
    return this.write("PUT", urlPath`/domain/${name}`, single(domainWire), body);
  }

  // ---- cloud servers (VPS) -----------------------------------------------
  // A VM stays "process locked" while an operation (a build, a resize) runs:
  // its writes and its delete are retried until the operation's deadline.

  /** `OPTIONS /order/cloud` (not `GET /order/cloud/options`, which would read an order named "options"). */
  async getCloudOrderOptions(): Promise<CloudOptions> {
    return (await this.http.request({ method: "OPTIONS", path: "/order/cloud", schema: cloudOptionsWire })).body;
  }

  async listCloudOrders(): Promise<CloudOrderWire[]> {
    return this.list("/order/cloud", cloudOrderWire);
  }

  async getCloudOrder(id: string): Promise<CloudOrderWire | undefined> {
    return this.getOne(urlPath`/order/cloud/${id}`, cloudOrderWire);
  }

  async orderCloudServer(body: CloudOrderBody): Promise<CloudOrderWire> {
    return this.write("POST", "/order/cloud", single(cloudOrderWire), body);
  }

  /** The VM by host name; undefined when it is gone. */
  async getCloudServer(name: string): Promise<CloudServerWire | undefined> {
    return this.getOne(urlPath`/cloud/${name}`, cloudServerWire);
  }

  /** Sizes in whole vCPUs and GB (units assumed: the spec says only "Ram size", "Disk size"). */
  async resizeCloudServer(name: string, size: { vcpu?: number; ramGb?: number; diskGb?: number }): Promise<CloudServerWire> {
    return this.write("PUT", urlPath`/cloud/${name}/resize`, single(cloudServerWire), undefined, { vcpu: size.vcpu, ram: size.ramGb, disk: size.diskGb }, true);
  }

  /**
   * A power action. The spec lists 200/404/500 only: a VM already in (or
   * heading to) the wanted state is taken to answer 200; an API answering
   * 400 "already running/stopped" instead means the same, so both resolve
   * to "nothing to do" (undefined).
   */
  async cloudServerAction(name: string, action: "start" | "reboot" | "shutdown" | "shutdown_hard"): Promise<CloudServerWire | undefined> {
    try {
      return await this.write("POST", urlPath`/cloud/${name}/action/${action}`, single(cloudServerWire), undefined, undefined, true);
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && /already/i.test(error.vendorMessage ?? "")) return undefined;
      throw error;
    }
  }

  async setCloudServerAccess(name: string, item: "ssh" | "password", username: string, value: string): Promise<CloudServerWire> {
    return this.write("PUT", urlPath`/cloud/${name}/${item}/${username}`, single(cloudServerWire), { value }, undefined, true);
  }

  /** DELETE, repeated while the VM is busy ("process locked" while an operation runs); false when it was already gone. */
  async deleteCloudServer(name: string): Promise<boolean> {
    return this.remove(urlPath`/cloud/${name}`, true);
  }

  async deleteMysqlPermissions(service: string, username: string, database: string): Promise<boolean> {
    return this.remove(urlPath`/vserver/${service}/database/mysql/account/${username}/permission/${database}`);
  }

  // ---- web hosting singletons ------------------------------------------------
  // DKIM and SSH settings per service; autoreply, premium and app passwords per mailbox.

  /** The DKIM public key, or undefined when DKIM is not active (404; also when the service is gone). */
  async getDkim(service: string): Promise<z.output<typeof dkimWire> | undefined> {
    return this.getOne(urlPath`/vserver/${service}/mail/dkim`, dkimWire);
  }

  /** `POST …/mail/dkim` takes no body. Its answer has no schema in the document: the key is read with `getDkim`. */
  async activateDkim(service: string): Promise<void> {
    await this.write("POST", urlPath`/vserver/${service}/mail/dkim`, z.unknown());
  }

  async deleteDkim(service: string): Promise<boolean> {
    return this.remove(urlPath`/vserver/${service}/mail/dkim`);
  }

  /** The service's SSH settings; undefined when the service is gone. */
  async getSshSettings(service: string): Promise<z.output<typeof sshSettingsWire> | undefined> {
    return this.getOne(urlPath`/vserver/${service}/ssh`, sshSettingsWire);
  }

  async updateSshSettings(service: string, body: { access: string }): Promise<z.output<typeof sshSettingsWire>> {
    return this.write("PUT", urlPath`/vserver/${service}/ssh`, singleOrBare(sshSettingsWire), body);
  }

  /** A mail account's or forwarder's autoreply; undefined when the mailbox (or service) is gone. */
  async getAutoreply(service: string, target: "account" | "forwarder", address: string): Promise<z.output<typeof autoreplyWire> | undefined> {
    return this.getOne(urlPath`/vserver/${service}/mail/${target}/${address}/autoreply`, autoreplyWire);
  }

  async updateAutoreply(service: string, target: "account" | "forwarder", address: string, body: Record<string, unknown>): Promise<z.output<typeof autoreplyWire>> {
    return this.write("PUT", urlPath`/vserver/${service}/mail/${target}/${address}/autoreply`, singleOrBare(autoreplyWire), body);
  }

  /** A mail account's premium package (`package` "none" when it has none); undefined when the account is gone. */
  async getMailPremium(service: string, address: string): Promise<z.output<typeof mailPremiumWire> | undefined> {
    return this.getOne(urlPath`/vserver/${service}/mail/account/${address}/premium`, mailPremiumWire);
  }

  /** The packages an account can take; `@{service}` as the address asks for a new account's. */
  async getMailPremiumOptions(service: string, address: string): Promise<z.output<typeof mailPremiumWire>[]> {
    return (await this.http.request({ method: "OPTIONS", path: urlPath`/vserver/${service}/mail/account/${address}/premium`, schema: z.array(mailPremiumWire) })).body;
  }

  /** `PUT …/premium` answers 201 with the status or a bare 204: the status is read again when it has none. */
  async setMailPremium(service: string, address: string, handle: string): Promise<void> {
    await this.write("PUT", urlPath`/vserver/${service}/mail/account/${address}/premium`, z.unknown(), { package: handle });
  }

  /** A mail account's application passwords; undefined when the account is gone. */
  async listMailAppPasswords(service: string, address: string): Promise<z.output<typeof appPasswordWire>[] | undefined> {
    return unlessGone(this.get(urlPath`/vserver/${service}/mail/account/${address}/asp`, z.array(appPasswordWire)));
  }

  async deleteMailAppPassword(service: string, address: string, id: string): Promise<boolean> {
    return this.remove(urlPath`/vserver/${service}/mail/account/${address}/asp/${id}`);
  }

  /**
   * `POST /vserver/{service}/ftp/ipwhitelist` with an empty body: schema
   * FtpIpWhitelist, the body's schema, marks every field read-only, so the
   * address allowed is the one the request comes from (a guess, docs/zoneid.md).
   */
  async allowFtpFromCaller(service: string): Promise<z.output<typeof ftpAllowlistWire>> {
    return this.write("POST", urlPath`/vserver/${service}/ftp/ipwhitelist`, single(ftpAllowlistWire), {});
  }

  // ---- options, orders, server facts (lookups) ----------------------------

  /** An OPTIONS answer ("Get … options"), parsed by `schema`; undefined on 404 (the service or account is gone). */
  async getOptions<T>(path: string, schema: z.ZodType<T>): Promise<T | undefined> {
    return unlessGone(this.http.request({ method: "OPTIONS", path, schema }).then((response) => response.body));
  }

  /** One account's grants on one database; undefined when the account has none there (or is gone). */
  async getMysqlPermission(service: string, username: string, database: string): Promise<MysqlPermissionWire | undefined> {
    return this.getOne(urlPath`/vserver/${service}/database/mysql/account/${username}/permission/${database}`, mysqlPermissionWire);
  }

  async getDomainPreferences(name: string): Promise<DomainPreferencesWire | undefined> {
    return this.getOne(urlPath`/domain/${name}/preferences`, domainPreferencesWire);
  }

  async updateDomainPreferences(name: string, body: { renewal_notifications: boolean }): Promise<DomainPreferencesWire> {
    return this.write("PUT", urlPath`/domain/${name}/preferences`, singleOrBare(domainPreferencesWire), body);
  }

  /** Every domain order of the account (`GET /order/domain/`), 100 a page. */
  async listDomainOrders(): Promise<DomainOrderWire[]> {
    return this.list("/order/domain/", domainOrderWire);
  }

  async getDomainOrder(id: string): Promise<DomainOrderWire | undefined> {
    return this.getOne(urlPath`/order/domain/${id}`, domainOrderWire);
  }

  /** "Display listing of turbos" (`GET /vserver/{s}/turbo/{identificator}`): the answer is a list, as the summary says; undefined on 404. */
  async listTurbos(service: string, id: string): Promise<TurboWire[] | undefined> {
    return this.http.getOptional(urlPath`/vserver/${service}/turbo/${id}`, z.array(turboWire));
  }

  /** The domain's expiry and pending renewal order; undefined when the account has no such domain. */
  async getDomainRenewal(name: string): Promise<DomainRenewalWire | undefined> {
    return this.getOne(urlPath`/domain/${name}`, domainRenewalWire);
  }

  /** "Renew or reactivate a domain": the body is an array of { domain, period }; the answer the order. */
  async renewDomain(name: string, period: number): Promise<DomainOrderWire> {
    return this.write("POST", "/order/domain/renew", single(domainOrderWire), [{ domain: name, period }]);
  }

  /** "Cancel domain order"; false when it was already gone. */
  async cancelDomainOrder(id: string): Promise<boolean> {
    return this.remove(urlPath`/order/domain/${id}`);
  }

  async getServerInfo(service: string): Promise<ServerInfoWire | undefined> {
    return this.getOne(urlPath`/vserver/${service}/serverinfo`, serverInfoWire);
  }
}

type MysqlPermissionWire = z.infer<typeof mysqlPermissionWire>;
type DomainPreferencesWire = z.infer<typeof domainPreferencesWire>;

export interface CloudOrderBody {
  datacenter: string;
  package: string;
  os: string;
  billing_period: number;
  ssh_public_key: string;
}

function recordListingKey(zone: string, type: RecordType): string {
  return `${zone.toLowerCase()}|${type}`;
}

/** `collection` is a fixed path of ours ("mail/account"), so only the service name and the id are segments. */
function collectionPath(serviceType: ServiceType, service: string, collection: string, id?: string): string {
  const item = id === undefined ? "" : urlPath`/${id}`;
  return `${urlPath`/${serviceType}/${service}`}/${collection}${item}`;
}

function credentials(settings: VendorSettings): { username: string; apiKey: string } {
  const username = settings.get("username");
  const apiKey = settings.get("apiKey");
  if (username && apiKey) return { username, apiKey };
  const missing = [!username && settings.describe("username"), !apiKey && settings.describe("apiKey")].filter(Boolean);
  throw new ConfigurationError(
    `ZoneID credentials are missing: set ${missing.join(" and ")}. ZoneID uses your ZoneID username and an API key ` +
      `created under ZoneID → Profile → API keys. In a stack: pulumi config set zoneid:username <user> && ` +
      `pulumi config set --secret zoneid:apiKey <key>`,
  );
}

const clients = clientRegistry<ZoneidClient>(SETTINGS_KEYS);

/**
 * The client for the credentials currently configured, one per endpoint and
 * credentials, so read coalescing is shared by every resource in the process
 * (the rate limiter is shared even more widely, per endpoint and username).
 */
export function zoneidClient(source: SettingsSource, options: ClientOptions = {}): ZoneidClient {
  const settings = vendorSettings("zoneid", source);
  return clients(settings, () => new ZoneidClient(settings, options));
}

export type { RecordBody, RecordWire, ZoneWire };

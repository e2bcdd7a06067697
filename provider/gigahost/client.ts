import { AsyncResource } from "node:async_hooks";
import { Clock, realClock } from "../clock";
import { currentDeadline } from "../deadline";
import { urlPath } from "../urlPath";
import { HttpCore } from "../http";
import { ShortLivedCache } from "../cache";
import { KeyedMutex } from "../limit";
import { Logger, stderrLogger } from "../log";
import { RetryPolicy } from "../retry";
import { SettingsSource, VendorSettings, apiUrlSetting, vendorSettings, clientRegistry } from "../settings";
import { SessionToken, bearerAuth, credentialsFrom } from "../session";
import { AccountApi } from "./account";
import { BgpApi } from "./bgp";
import { DeployApi } from "./deploy";
import { DomainApi } from "./domains";
import { ServerApi } from "./servers";
import {
  RecordBody,
  RecordWire,
  RedirectWire,
  ptrZoneCreated,
  redirectList,
  ZoneBody,
  ZoneWire,
  acknowledgement,
  authenticateResponse,
  gigahostMessage,
  recordList,
  zoneCreated,
  zoneList,
} from "./wire";

/** Gigahost and Terrahost run one platform under two brands (docs/gigahost.md). */
export type Brand = "gigahost" | "terrahost";

export const DEFAULT_API_URLS: Record<Brand, string> = {
  gigahost: "https://api.gigahost.no/api/v0",
  terrahost: "https://api.terrahost.no/api/v3",
};

export const BRAND_LABELS: Record<Brand, string> = { gigahost: "Gigahost", terrahost: "Terrahost" };

/** Settings keys, read from `<brand>:<key>` config or `<BRAND>_<KEY>` variables. */
export const SETTINGS_KEYS = ["apiKey", "username", "password", "totpSecret", "apiUrl"] as const;

export interface ClientOptions {
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

/** How long a zone or record listing serves reads (see ShortLivedCache). */
const LISTING_MAX_AGE_MS = 5_000;

/**
 * Record writes to one zone must not overlap: Gigahost answers 500 to
 * concurrent writes (docs/gigahost-dns.md, "DNS quirks handled"). Shared by every client in the
 * process, keyed by endpoint and zone.
 */
const zoneLocks = new KeyedMutex();

/**
 * What a write sent in a zone burst did to the zone, as far as its answer
 * shows: "created" (the answer has no id: the burst's closing listing must
 * show it), "removed" (the answer says the record named went: the closing
 * listing checks it, and later writes of the burst no longer see it),
 * "unknown" (a listing must show what happened, and may lead to repairs:
 * the burst ends here) or "unchanged".
 */
export type BurstEffect =
  | { kind: "created"; record: RecordBody }
  | { kind: "removed"; recordId: string }
  | { kind: "unknown" }
  | { kind: "unchanged" };

/** A write's answer in a burst: its value, or the error it failed with. */
export type BurstAnswer<Sent> = { ok: true; value: Sent } | { ok: false; error: unknown };

/** One record write taking part in a zone burst (see `GigahostClient.writeInZoneBurst`). */
export interface ZoneBurstWrite<Sent, Result> {
  /**
   * Sends the write: one request, never repeated here. `unlisted` are the
   * records earlier writes of this burst created, which the cached listing
   * does not show yet.
   */
  send: (unlisted: readonly RecordBody[]) => Promise<Sent>;
  /** What the write did, from its answer. */
  effect: (sent: Sent) => BurstEffect;
  /**
   * Confirms the write after the burst's closing listing, still holding the
   * zone lock (so it must not take it again): `listRecords(zoneId)` serves
   * that listing. Falls back to writing again here, exactly once, when the
   * listing does not confirm it.
   */
  confirm: (answer: BurstAnswer<Sent>) => Promise<Result>;
  /**
   * Set when `confirm` only reads after its first step (which takes the
   * closing listing at once) and takes the zone lock itself to write again:
   * the burst starts it but does not hold the lock while it waits (a create
   * waiting for its record to show, up to its deadline, would otherwise
   * keep every later write of the zone waiting past theirs).
   */
  confirmsWithoutLock?: boolean;
}

interface QueuedBurstWrite {
  write: ZoneBurstWrite<unknown, unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

export class GigahostClient {
  readonly brand: Brand;
  readonly http: HttpCore;
  private readonly clock: Clock;
  private readonly zoneListing: ShortLivedCache<ZoneWire[]>;
  private readonly recordListings: ShortLivedCache<RecordWire[]>;
  /** The burst of each zone still taking writes (see `writeInZoneBurst`). */
  private readonly openBursts = new Map<string, QueuedBurstWrite[]>();
  /** `/servers` and `/reinstall` (both brands). */
  readonly servers: ServerApi;
  /** `/bgp` (Gigahost). */
  readonly bgp: BgpApi;
  /** `/deploy` (Gigahost). */
  readonly deploy: DeployApi;
  /** `/dns/domains`, `/dns/lookup` (Gigahost). */
  readonly domains: DomainApi;
  /** `/account` and its SSH keys, `/deploy/waitlist` (Gigahost); `/my/*` (both brands). */
  readonly account: AccountApi;

  constructor(brand: Brand, settings: VendorSettings, options: ClientOptions = {}) {
    this.brand = brand;
    this.clock = options.clock ?? realClock;
    this.zoneListing = new ShortLivedCache(LISTING_MAX_AGE_MS, this.clock);
    this.recordListings = new ShortLivedCache(LISTING_MAX_AGE_MS, this.clock);
    const logger = options.logger ?? stderrLogger;
    const credentials = credentialsFrom(
      settings,
      {
        apiKey: settings.get("apiKey"),
        username: settings.get("username"),
        password: settings.get("password"),
        totpSecret: settings.get("totpSecret"),
      },
      BRAND_LABELS[brand],
    );
    this.http = new HttpCore({
      vendor: BRAND_LABELS[brand],
      settings,
      credentialKeys: ["apiKey", "username", "password", "totpSecret"],
      baseUrl: apiUrlSetting(settings, DEFAULT_API_URLS[brand]),
      auth: bearerAuth(credentials, { login: (login) => this.login(login) }, { vendor: BRAND_LABELS[brand], settings, clock: this.clock, logger }),
      vendorMessage: gigahostMessage,
      concurrency: 8,
      clock: this.clock,
      logger,
      random: options.random,
      retry: options.retry,
    });
    this.servers = new ServerApi(this.http, this.clock, logger);
    this.bgp = new BgpApi(this.http);
    this.deploy = new DeployApi(this.http);
    this.domains = new DomainApi(this.http);
    this.account = new AccountApi(this.http);
  }

  // ---- authentication -------------------------------------------------

  /** `POST /authenticate` {username, password, code?}; the token lasts until `token_expire`. */
  private async login(credentials: { username: string; password: string; code?: string }): Promise<SessionToken> {
    const body: Record<string, unknown> = { username: credentials.username, password: credentials.password };
    if (credentials.code !== undefined) body.code = credentials.code;
    const { body: answer } = await this.http.request({
      method: "POST",
      path: "/authenticate",
      body,
      schema: authenticateResponse,
      authenticated: false,
      // Logging in twice is harmless.
      retry: true,
    });
    return { token: answer.data.token, expiresAt: answer.data.token_expire * 1000 };
  }

  // ---- DNS zones --------------------------------------------------------

  /** The account's zones; reads within one command share a listing (see ShortLivedCache). */
  async listZones(options: { fresh?: boolean } = {}): Promise<ZoneWire[]> {
    const fetch = async () => {
      const { body } = await this.http.request({ method: "GET", path: "/dns/zones", schema: zoneList });
      return body.data;
    };
    return options.fresh ? this.zoneListing.refresh("zones", fetch) : this.zoneListing.get("zones", fetch);
  }

  async findZoneByName(name: string, options: { fresh?: boolean } = {}): Promise<ZoneWire | undefined> {
    const wanted = name.toLowerCase();
    return (await this.listZones(options)).find((zone) => zone.zone_name.toLowerCase() === wanted);
  }

  async findZoneById(zoneId: string, options: { fresh?: boolean } = {}): Promise<ZoneWire | undefined> {
    return (await this.listZones(options)).find((zone) => zone.zone_id === zoneId);
  }

  /**
   * Creates a zone; with `zoneFile`, imports a BIND zone file (multipart
   * upload, ≤ 2 MB). Resolves to the zone id when the answer has one (the
   * documented answer); undefined when it has none (the live answer; see
   * docs/gigahost-dns.md, "DNS quirks handled"): callers then find the zone by name.
   */
  async createZone(body: ZoneBody, zoneFile?: string): Promise<string | undefined> {
    let payload: unknown = body;
    if (zoneFile !== undefined) {
      const form = new FormData();
      form.append("zone_name", body.zone_name);
      form.append("zone_type", body.zone_type);
      form.append("create_default_records", body.create_default_records ? "1" : "0");
      form.append("zone_file", new Blob([zoneFile], { type: "text/plain" }), `${body.zone_name}.zone`);
      payload = form;
    }
    this.zoneListing.invalidate("zones");
    const { body: answer } = await this.http.request({ method: "POST", path: "/dns/zones", body: payload, schema: zoneCreated });
    return answer.zoneId;
  }

  /** False when the zone was already gone (404). */
  async deleteZone(zoneId: string): Promise<boolean> {
    this.zoneListing.invalidate("zones");
    this.recordListings.invalidate(zoneId);
    return (await this.http.deleteOptional(urlPath`/dns/zones/${zoneId}`, acknowledgement)) !== undefined;
  }

  /** Creates a reverse zone for a prefix (`POST /dns/zones/ptr`); resolves to its id (documented: `data.zone_id`). */
  async createPtrZone(body: { prefix: string; ip_version: "ipv4" | "ipv6"; zone_name: string }): Promise<string> {
    this.zoneListing.invalidate("zones");
    const { body: answer } = await this.http.request({ method: "POST", path: "/dns/zones/ptr", body, schema: ptrZoneCreated, retry: false });
    return answer.data.zone_id;
  }

  // ---- redirects (creating one adds A records to the zone) -------------------

  async listRedirects(zoneId: string): Promise<RedirectWire[]> {
    const { body } = await this.http.request({ method: "GET", path: urlPath`/dns/zones/${zoneId}/redirect`, schema: redirectList });
    return body.data;
  }

  /** Never retried here: callers look for the redirect before trying again. */
  async createRedirect(zoneId: string, source: string, targetUrl: string): Promise<void> {
    this.recordListings.invalidate(zoneId);
    await this.http.request({
      method: "POST",
      path: urlPath`/dns/zones/${zoneId}/redirect`,
      body: { source, target_url: targetUrl },
      schema: acknowledgement,
      retry: false,
    });
  }

  async updateRedirect(zoneId: string, source: string, targetUrl: string): Promise<void> {
    await this.http.request({
      method: "PUT",
      path: urlPath`/dns/zones/${zoneId}/redirect`,
      body: { source, target_url: targetUrl },
      schema: acknowledgement,
    });
  }

  /** False when there was no such redirect (404). */
  async deleteRedirect(zoneId: string, source: string): Promise<boolean> {
    this.recordListings.invalidate(zoneId);
    return (await this.http.deleteOptional(urlPath`/dns/zones/${zoneId}/redirect`, acknowledgement, { query: { source } })) !== undefined;
  }

  // ---- DNS records ------------------------------------------------------

  /**
   * Lists a zone's records. Reads within one command share a listing (a
   * refresh of many records in one zone costs one call); callers that just
   * wrote pass `fresh` to get a listing that includes their write.
   */
  async listRecords(zoneId: string, options: { fresh?: boolean } = {}): Promise<RecordWire[]> {
    const fetch = async () => {
      const { body } = await this.http.request({
        method: "GET",
        path: urlPath`/dns/zones/${zoneId}/records`,
        schema: recordList,
      });
      return body.data;
    };
    return options.fresh ? this.recordListings.refresh(zoneId, fetch) : this.recordListings.get(zoneId, fetch);
  }

  /** Creates a record. The answer carries no record id (docs/gigahost-dns.md, "DNS quirks handled"). */
  async createRecord(zoneId: string, record: RecordBody): Promise<void> {
    this.recordListings.invalidate(zoneId);
    await this.sendRecordCreate(zoneId, record);
  }

  /** `createRecord` leaving the cached listing to the caller (a zone burst). */
  async sendRecordCreate(zoneId: string, record: RecordBody): Promise<void> {
    await this.http.request({
      method: "POST",
      path: urlPath`/dns/zones/${zoneId}/records`,
      body: record,
      schema: acknowledgement,
    });
  }

  /**
   * Updates a record. Ids are content hashes, so the id changes and a
   * repeated PUT would 404: never retried here, callers reconcile.
   */
  async updateRecord(zoneId: string, recordId: string, record: RecordBody): Promise<void> {
    this.recordListings.invalidate(zoneId);
    await this.http.request({
      method: "PUT",
      path: urlPath`/dns/zones/${zoneId}/records/${recordId}`,
      body: record,
      schema: acknowledgement,
      retry: false,
    });
  }

  /**
   * Deletes records. The vendor ignores the id and deletes by name and type;
   * `value` narrows it to one record (docs/gigahost-dns.md, "DNS quirks handled"). Resolves to
   * false when nothing matched (404).
   */
  async deleteRecord(
    zoneId: string,
    recordId: string,
    match: { name: string; type: string; value: string },
  ): Promise<boolean> {
    this.recordListings.invalidate(zoneId);
    return this.sendRecordDelete(zoneId, recordId, match);
  }

  /** `deleteRecord` leaving the cached listing to the caller (a zone burst). */
  async sendRecordDelete(zoneId: string, recordId: string, match: { name: string; type: string; value: string }): Promise<boolean> {
    return (await this.http.deleteOptional(urlPath`/dns/zones/${zoneId}/records/${recordId}`, acknowledgement, { query: match })) !== undefined;
  }

  /**
   * Sends a record write in this zone's next burst and resolves to what its
   * `confirm` makes of it. Writes to one zone are sent one after another
   * (never overlapping: docs/gigahost-dns.md, "DNS quirks handled"); every
   * write queued while a burst is sending joins it, and one fresh listing
   * after the burst's last write confirms them all, instead of one listing
   * per write. The burst holds the zone lock (`withZoneLock`) from its first
   * write to its last `confirm`.
   */
  writeInZoneBurst<Sent, Result>(zoneId: string, write: ZoneBurstWrite<Sent, Result>): Promise<Result> {
    // Each write is sent and confirmed in the async context of the operation that queued it, not
    // that of the burst's first writer: its own deadline bounds its retries and names it in a
    // timeout (`currentDeadline`), and a write whose operation ran out of time is not sent.
    const own: ZoneBurstWrite<unknown, unknown> = {
      send: AsyncResource.bind((unlisted: readonly RecordBody[]) => {
        const deadline = currentDeadline();
        if (deadline && deadline.clock.now() >= deadline.deadline) {
          return Promise.reject(deadline.exceeded(`its turn to write to zone ${zoneId}`));
        }
        return write.send(unlisted);
      }),
      effect: write.effect as (sent: unknown) => BurstEffect,
      confirm: AsyncResource.bind(write.confirm as (answer: BurstAnswer<unknown>) => Promise<unknown>),
      confirmsWithoutLock: write.confirmsWithoutLock,
    };
    return new Promise<Result>((resolve, reject) => {
      const queued: QueuedBurstWrite = { write: own, resolve: resolve as (result: unknown) => void, reject };
      const open = this.openBursts.get(zoneId);
      if (open) {
        open.push(queued);
        return;
      }
      const burst = [queued];
      this.openBursts.set(zoneId, burst);
      this.withZoneLock(zoneId, () => this.runBurst(zoneId, burst)).catch((error) => burst.forEach(({ reject }) => reject(error)));
    });
  }

  private async runBurst(zoneId: string, burst: QueuedBurstWrite[]): Promise<void> {
    const answers: BurstAnswer<unknown>[] = [];
    const created = new Set<number>();
    const unlisted: RecordBody[] = [];
    let needsListing = false;
    // `burst` grows while its writes are sent; it closes once its last write is answered.
    for (let index = 0; index < burst.length; index++) {
      const { write } = burst[index];
      let value: unknown;
      try {
        value = await write.send(unlisted);
      } catch (error) {
        answers.push({ ok: false, error });
        this.recordListings.invalidate(zoneId);
        continue;
      }
      answers.push({ ok: true, value });
      const effect = write.effect(value);
      if (effect.kind === "created") {
        // The listing cached before this write stays, for the existence checks of other creates
        // (claims keep their content apart); deletes see the record through `unlisted`.
        this.recordListings.amend(zoneId, (records) => records);
        unlisted.push(effect.record);
        created.add(index);
        needsListing = true;
      } else if (effect.kind === "removed") {
        this.recordListings.amend(zoneId, (records) => records.filter((record) => record.record_id !== effect.recordId));
        // A 2xx is not proof: the closing listing must no longer show the record (docs/gigahost-dns.md, "Calls per record").
        needsListing = true;
      } else if (effect.kind === "unknown") {
        this.recordListings.invalidate(zoneId);
        needsListing = true;
        // Its confirm may have to repair the zone (put back records a delete took): later writes
        // wait for that, in the next burst, or they would act on a zone about to change.
        this.closeBurstAfter(zoneId, burst, index);
        break;
      }
    }
    if (this.openBursts.get(zoneId) === burst) this.openBursts.delete(zoneId);
    if (needsListing) {
      // One listing confirms the whole burst; a failed one leaves each write to confirm itself.
      await this.listRecords(zoneId, { fresh: true }).catch(() => this.recordListings.invalidate(zoneId));
    }
    // Writes whose effect is unknown (a delete that may have taken siblings) are confirmed, and
    // repaired, before the creates are looked for: a repair may put back a record a create made.
    // Confirms that hold the lock run one by one; then those that need none (creates) are started.
    const withoutLock = (index: number) => Number(created.has(index) || burst[index].write.confirmsWithoutLock === true);
    const order = [...burst.keys()].sort((a, b) => withoutLock(a) - withoutLock(b));
    for (const index of order) {
      const { write, resolve, reject } = burst[index];
      const confirmed = write.confirm(answers[index]).then(resolve, reject);
      if (!write.confirmsWithoutLock) await confirmed;
    }
  }

  /** Ends `burst` at `last`: the writes queued after it, and those still to come, form the next burst. */
  private closeBurstAfter(zoneId: string, burst: QueuedBurstWrite[], last: number): void {
    const rest = burst.splice(last + 1);
    if (rest.length === 0) {
      this.openBursts.delete(zoneId);
      return;
    }
    this.openBursts.set(zoneId, rest);
    this.withZoneLock(zoneId, () => this.runBurst(zoneId, rest)).catch((error) => rest.forEach(({ reject }) => reject(error)));
  }

  /** Runs `task` while no other write to this zone runs in this process. */
  withZoneLock<T>(zoneId: string, task: () => Promise<T>): Promise<T> {
    return zoneLocks.run(`${this.http.baseUrl}|${zoneId}`, task);
  }
}

const clients = clientRegistry<GigahostClient>(SETTINGS_KEYS);

/**
 * The client for the credentials currently configured. One per brand,
 * endpoint and credentials, so sessions and read coalescing are shared by
 * every resource in the process.
 */
export function gigahostClient(brand: Brand, source: SettingsSource, options: ClientOptions = {}): GigahostClient {
  const settings = vendorSettings(brand, source);
  return clients(settings, () => new GigahostClient(brand, settings, options));
}

export type { RecordWire, RedirectWire, ZoneWire };

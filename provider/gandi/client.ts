import { z } from "zod";
import { urlPath } from "../urlPath";
import { Clock, realClock } from "../clock";
import { ConfigurationError } from "../errors";
import { HttpCore, HttpMethod } from "../http";
import { Logger, stderrLogger } from "../log";
import { collectPages } from "../paginate";
import { RetryPolicy } from "../retry";
import { SettingsSource, VendorSettings, apiUrlSetting, vendorSettings, clientRegistry } from "../settings";
import {
  ApplicationWire,
  DryRunAnswer,
  InstanceCreateBody,
  InstancePatchBody,
  InstanceWire,
  UsageWire,
  VhostBody,
  VhostWire,
  acknowledgement,
  applicationList,
  applicationWire,
  dryRunAnswer,
  gandiFieldErrors,
  gandiMessage,
  hasNextLink,
  idFromContentLocation,
  instanceList,
  instanceWire,
  usageWire,
  vhostList,
  vhostWire,
} from "./wire";

export const DEFAULT_API_URL = "https://api.gandi.net/v5/simplehosting";

/** Settings keys, read from `gandi:<key>` config or `GANDI_<KEY>` variables. */
export const SETTINGS_KEYS = ["personalAccessToken", "apiKey", "sharingId", "apiUrl"] as const;

/** Items per page when listing; the reference sets no maximum, 100 keeps pages small. */
const PER_PAGE = 100;

export interface ClientOptions {
  clock?: Clock;
  logger?: Logger;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

export type InstanceAction = "restart" | "console" | "reset_database_password";

/** The deprecated API key is warned about once per process, not once per request. */
let apiKeyWarningShown = false;

export class GandiClient {
  readonly http: HttpCore;
  /** The organization billed for creations (`sharing_id`), when configured. */
  readonly sharingId: string | undefined;

  constructor(
    private readonly settings: VendorSettings,
    private readonly logger: Logger,
    options: ClientOptions = {},
  ) {
    const authorization = this.authorization();
    this.sharingId = settings.get("sharingId");
    this.http = new HttpCore({
      vendor: "Gandi",
      settings,
      credentialKeys: ["personalAccessToken", "apiKey"],
      baseUrl: apiUrlSetting(settings, DEFAULT_API_URL),
      auth: async () => ({ Authorization: authorization }),
      vendorMessage: gandiMessage,
      fieldErrors: gandiFieldErrors,
      concurrency: 8,
      clock: options.clock ?? realClock,
      logger,
      random: options.random,
      retry: options.retry,
    });
  }

  /**
   * Personal access tokens are sent as `Bearer`; the deprecated API key as
   * `Apikey` (reference, "Secured by"). A token wins when both are set.
   */
  private authorization(): string {
    const token = this.settings.get("personalAccessToken");
    if (token) return `Bearer ${token}`;
    const apiKey = this.settings.get("apiKey");
    if (apiKey) {
      if (!apiKeyWarningShown) {
        apiKeyWarningShown = true;
        this.logger.warn(
          `Gandi API keys (${this.settings.describe("apiKey")}) are deprecated by Gandi; create a personal access token ` +
            `in the organization's sharing tab and set it with ${this.settings.describe("personalAccessToken")}.`,
        );
      }
      return `Apikey ${apiKey}`;
    }
    throw new ConfigurationError(
      `Gandi credentials are missing. Set a personal access token with ${this.settings.describe("personalAccessToken")} ` +
        `(or the deprecated API key with ${this.settings.describe("apiKey")}). ` +
        "In a stack: pulumi config set --secret gandi:personalAccessToken <token>",
    );
  }

  private async request<T>(
    method: HttpMethod,
    path: string,
    schema: z.ZodType<T>,
    extra: { query?: Record<string, string | number | undefined>; body?: unknown; headers?: Record<string, string>; retry?: boolean } = {},
  ) {
    return this.http.request({ method, path, schema, ...extra });
  }

  /** Every page of a listing: page/per_page, ending at `Total-Count` or when `Link` has no rel="next". */
  private listAll<T>(path: string, schema: z.ZodType<T[]>, query: Record<string, string | undefined> = {}): Promise<T[]> {
    return collectPages(1, async (page) => {
      const { body, headers } = await this.request("GET", path, schema, { query: { ...query, page, per_page: PER_PAGE } });
      const total = Number(headers["total-count"]);
      const more = headers["link"] !== undefined ? hasNextLink(headers["link"]) : Number.isFinite(total) && page * PER_PAGE < total;
      return { items: body, next: more ? page + 1 : undefined };
    });
  }

  // ---- applications -----------------------------------------------------

  listApplications(filter: { language?: string; database?: string; name?: string } = {}): Promise<ApplicationWire[]> {
    return this.listAll("/applications", applicationList, filter);
  }

  async getApplication(name: string): Promise<ApplicationWire | undefined> {
    return this.http.getOptional(urlPath`/applications/${name}`, applicationWire);
  }

  // ---- instances ---------------------------------------------------------

  listInstances(filter: { name?: string; fqdn?: string; status?: string; size?: string } = {}): Promise<InstanceWire[]> {
    return this.listAll("/instances", instanceList, { ...filter, sharing_id: this.sharingId });
  }

  /** undefined when the instance does not exist (404). */
  getInstance(id: string): Promise<InstanceWire | undefined> {
    return this.http.getOptional(urlPath`/instances/${id}`, instanceWire);
  }

  /**
   * Checks a creation without performing it (`Dry-Run: 1`): nothing is
   * created and nothing is charged. Resolves to the vendor's validation errors.
   */
  async validateInstance(body: InstanceCreateBody): Promise<DryRunAnswer> {
    const { body: answer } = await this.request("POST", "/instances", dryRunAnswer, {
      body,
      query: { sharing_id: this.sharingId },
      headers: { "Dry-Run": "1" },
      // Nothing is performed, so repeating it is safe.
      retry: true,
    });
    return answer;
  }

  /**
   * Orders an instance: 202 with `Content-Location` naming it. Never
   * repeated here (it costs money); callers reconcile by name.
   */
  async createInstance(body: InstanceCreateBody): Promise<string> {
    const { headers } = await this.request("POST", "/instances", acknowledgement, {
      body,
      query: { sharing_id: this.sharingId },
      retry: false,
    });
    const id = idFromContentLocation(headers["content-location"], "instances");
    if (!id) throw new Error(`Gandi accepted the instance "${body.name}" but sent no Content-Location naming it`);
    return id;
  }

  async updateInstance(id: string, body: InstancePatchBody): Promise<void> {
    await this.request("PATCH", urlPath`/instances/${id}`, acknowledgement, { body });
  }

  /** Resolves false when the instance was already gone. */
  async deleteInstance(id: string): Promise<boolean> {
    return this.deleted(urlPath`/instances/${id}`);
  }

  /**
   * Fails when Gandi answers 204: for this route it means "an internal error
   * has occurred and the action cannot be performed" (reference), not success.
   */
  async instanceAction(id: string, action: InstanceAction): Promise<void> {
    // Restarting twice is not what was asked for: never repeated.
    const answer = await this.request("POST", urlPath`/instances/${id}/action`, acknowledgement, { body: { action }, retry: false });
    if (answer.status === 204) throw new ActionNotPerformedError(id, action);
  }

  async getInstanceUsage(id: string): Promise<UsageWire> {
    const { body } = await this.request("GET", urlPath`/instances/${id}/usage`, usageWire);
    return body;
  }

  // ---- vhosts ------------------------------------------------------------

  /** `fqdn` takes Gandi's `*` patterns; `status` one vhost status. */
  listVhosts(instanceId: string, filter: { fqdn?: string; status?: string } = {}): Promise<VhostWire[]> {
    return this.listAll(urlPath`/instances/${instanceId}/vhosts`, vhostList, filter);
  }

  getVhost(instanceId: string, fqdn: string): Promise<VhostWire | undefined> {
    return this.http.getOptional(this.vhostPath(instanceId, fqdn), vhostWire);
  }

  /** 202 with `Content-Location`; a 422 means the vhost already exists on the instance. */
  async createVhost(instanceId: string, body: VhostBody & { fqdn: string }): Promise<void> {
    await this.request("POST", urlPath`/instances/${instanceId}/vhosts`, acknowledgement, { body, retry: false });
  }

  async updateVhost(instanceId: string, fqdn: string, body: VhostBody): Promise<void> {
    await this.request("PATCH", this.vhostPath(instanceId, fqdn), acknowledgement, { body });
  }

  deleteVhost(instanceId: string, fqdn: string): Promise<boolean> {
    return this.deleted(this.vhostPath(instanceId, fqdn));
  }

  async purgeVhostCache(instanceId: string, fqdn: string): Promise<void> {
    await this.request("DELETE", `${this.vhostPath(instanceId, fqdn)}/cache`, acknowledgement);
  }

  private vhostPath(instanceId: string, fqdn: string): string {
    return urlPath`/instances/${instanceId}/vhosts/${fqdn}`;
  }

  /** DELETE; false when the object was already gone (404). */
  private async deleted(path: string): Promise<boolean> {
    return (await this.http.deleteOptional(path, acknowledgement)) !== undefined;
  }
}

/** Gandi answered 204 to an instance action: it was not performed. */
export class ActionNotPerformedError extends Error {
  constructor(
    readonly instanceId: string,
    readonly action: InstanceAction,
  ) {
    super(
      `Gandi did not perform the "${action}" action on instance ${instanceId}: it answered 204, which for instance actions means ` +
        '"an internal error has occurred and the action cannot be performed". Check that the instance is active, then try again.',
    );
    this.name = "ActionNotPerformedError";
  }
}

const clients = clientRegistry<GandiClient>(SETTINGS_KEYS);

/** The client for the credentials currently configured, shared by every resource in the process. */
export function gandiClient(source: SettingsSource, options: ClientOptions = {}): GandiClient {
  const settings = vendorSettings("gandi", source);
  return clients(settings, () => new GandiClient(settings, options.logger ?? stderrLogger, options));
}

export type { ApplicationWire, InstanceWire, UsageWire, VhostWire };

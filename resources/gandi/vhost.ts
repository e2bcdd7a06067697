import { randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { OperationContext, ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { CheckFailure, sameValue } from "../../provider/inputs";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ApiError, ResourceInitializationError } from "../../provider/errors";
import { waitFor } from "../../provider/poll";
import { claimObject } from "../../provider/identity";
import { writeReconciled } from "../../provider/reconcile";
import { GandiClient, gandiClient } from "../../provider/gandi/client";
import { HTTPS_STRATEGIES, LinkedZoneWire, VhostBody, VhostWire } from "../../provider/gandi/wire";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { fqdnInput } from "./fqdn";
import { vhostClaimKey } from "./instance";
import { readsForImport, vhostId, vhostImportId } from "./importIds";

const DEFAULT_HTTPS_STRATEGY = "allow_HTTP_and_HTTPS";

export const simpleHostingVhostArgs = z
  .object({
    /** The instance's id, e.g. `SimpleHostingInstance.instanceId`. */
    instanceId: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "must be a Gandi instance id (a UUID), e.g. a SimpleHostingInstance's instanceId"),
    /** The domain name; Unicode names are stored in Punycode. */
    fqdn: fqdnInput,
    /** An application to install (see getApplications); parameters are used when installing. */
    application: z
      .object({
        name: z.string().trim().min(1, "must not be empty"),
        parameters: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    httpsStrategy: z.enum(HTTPS_STRATEGIES, { error: `must be one of ${HTTPS_STRATEGIES.join(", ")}` }).default(DEFAULT_HTTPS_STRATEGY),
    /**
     * Let Gandi write the vhost's records in a LiveDNS zone (then no ownership records are needed).
     * When given, `allowAlteration` is required, as in Gandi's POST and PATCH bodies.
     */
    linkedDnsZone: z
      .object({
        allowAlteration: z.boolean({
          error: (issue) =>
            issue.input === undefined
              ? "is required when linkedDnsZone is given (Gandi requires linked_dns_zone.allow_alteration)"
              : "must be true or false",
        }),
        allowAlterationOverride: z.boolean().default(false),
      })
      .strict()
      .default({ allowAlteration: false, allowAlterationOverride: false }),
    /** Take over a vhost of this name that already exists on the instance instead of failing. */
    adopt: z.boolean().default(false),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    if (args.linkedDnsZone.allowAlterationOverride && !args.linkedDnsZone.allowAlteration) {
      context.addIssue({
        code: "custom",
        path: ["linkedDnsZone", "allowAlterationOverride"],
        message: "has no effect unless allowAlteration is true",
      });
    }
  });

/** The arguments of a `SimpleHostingVhost`; see docs/gandi.md. */
export interface SimpleHostingVhostArgs {
  /**
   * The instance that serves the vhost: a `SimpleHostingInstance`'s `instanceId` (a UUID).
   * Changing it replaces the vhost.
   */
  instanceId: pulumi.Input<string>;
  /**
   * The domain name served, e.g. `"www.example.com"`; Unicode names are stored in
   * Punycode. Changing it replaces the vhost (the old one is deleted first).
   */
  fqdn: pulumi.Input<string>;
  /**
   * An application to install on the vhost, from `getApplications()`, e.g.
   * `{ name: "wordpress" }`; `parameters` are passed when installing. Changes in place.
   */
  application?: pulumi.Input<{ name: string; parameters?: Record<string, unknown> }>;
  /**
   * How HTTP and HTTPS are served: `"HTTP_only"`, `"allow_HTTP_and_HTTPS"` (default)
   * or `"redirect_HTTP_to_HTTPS"`. Changes in place.
   */
  httpsStrategy?: pulumi.Input<(typeof HTTPS_STRATEGIES)[number]>;
  /**
   * Let Gandi write the vhost's records in its LiveDNS zone, so that no ownership
   * records are needed: `{ allowAlteration: true }`. `allowAlterationOverride`
   * (default false) also lets it replace records that exist. When given,
   * `allowAlteration` is required, as in Gandi's API. Default: Gandi may not
   * alter the zone. Changes in place.
   */
  linkedDnsZone?: pulumi.Input<{ allowAlteration: boolean; allowAlterationOverride?: boolean }>;
  /**
   * Take over a vhost of this name that already exists on the instance instead
   * of failing (default false). Never causes a diff.
   */
  adopt?: pulumi.Input<boolean>;
  /** Deadlines for create (default 20m), update and delete. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<SimpleHostingVhostArgs, typeof simpleHostingVhostArgs>>;
type VhostInputs = z.output<typeof simpleHostingVhostArgs>;

export const dnsInstructions = z.object({
  /** The zone the records belong in. */
  domain: z.string().nullable(),
  key: z.string().nullable(),
  isRoot: z.boolean(),
  txt: z.string().nullable(),
  cname: z.string().nullable(),
  ipv4: z.string().nullable(),
  ipv6: z.string().nullable(),
  isAlterable: z.boolean().nullable(),
  lastCheckedStatus: z.string().nullable(),
});
export type DnsInstructions = z.infer<typeof dnsInstructions>;

export const vhostState = stateSchema({
  /** The instance that serves the vhost. */
  instanceId: z.string(),
  /** The domain name served, lower case, in Punycode. */
  fqdn: z.string(),
  /** `"HTTP_only"`, `"allow_HTTP_and_HTTPS"` or `"redirect_HTTP_to_HTTPS"`. */
  httpsStrategy: z.string(),
  /** Whether Gandi may alter the vhost's LiveDNS zone: `allowAlteration`, `allowAlterationOverride`. */
  linkedDnsZone: z.object({ allowAlteration: z.boolean(), allowAlterationOverride: z.boolean() }),
  /** The application installed, as asked; undefined without one. */
  application: z.object({ name: z.string(), parameters: z.record(z.string(), z.unknown()).optional() }).optional(),
  /** `"running"` once serving; `"waiting_ownership"`, `"locked"` and so on, as Gandi reports it. */
  status: z.string(),
  /** When Gandi created the vhost (ISO 8601). Gandi's vhost document marks it required, so a successful create always sets it. */
  createdAt: z.string().nullable(),
  /** Whether Gandi made the vhost for testing only. */
  isTestVhost: z.boolean(),
  /** The application's install status, e.g. `"running"`; null without an application. */
  applicationStatus: z.string().nullable(),
  /** The vhost's certificates: `id` and whether each is still `pending`. */
  certificates: z.array(z.object({ id: z.string().nullable(), pending: z.boolean() })),
  /**
   * What Gandi says about the vhost's DNS zone: the zone (`domain`), `key`, `isRoot`, the
   * `txt`, `cname`, `ipv4` and `ipv6` values to point at Gandi, `isAlterable` and
   * `lastCheckedStatus`; null where Gandi says nothing.
   */
  dns: dnsInstructions,
  /** The records that prove ownership and point the domain at Gandi, to add by hand when Gandi may not alter the zone, e.g. `www CNAME … (in zone example.com)`. */
  requiredDnsRecords: z.array(z.string()),
});
export type VhostState = z.infer<typeof vhostState>;

/** The records a user must add for ownership and routing, from the vhost's linked_dns_zone data. */
export function requiredRecords(zone: LinkedZoneWire | null | undefined, fqdn: string): string[] {
  if (!zone) return [];
  const key = zone.key ?? "@";
  const records: string[] = [];
  if (zone.txt) records.push(`${key} TXT "${zone.txt}"`);
  if (zone.is_root ?? key === "@") {
    if (zone.ipv4) records.push(`${key} A ${zone.ipv4}`);
    if (zone.ipv6) records.push(`${key} AAAA ${zone.ipv6}`);
  } else if (zone.cname) {
    records.push(`${key} CNAME ${zone.cname}`);
  }
  const domain = zone.domain ?? fqdn;
  return records.map((record) => `${record} (in zone ${domain})`);
}

export function vhostFromWire(instanceId: string, wire: VhostWire, previous: Partial<VhostInputs>): VhostState {
  const zone = wire.linked_dns_zone;
  const application = wire.application
    ? { name: wire.application.name, ...(previous.application?.parameters ? { parameters: previous.application.parameters } : {}) }
    : undefined;
  return {
    instanceId,
    fqdn: wire.fqdn.toLowerCase(),
    // Absent without a certificate (reference): keep what was asked.
    httpsStrategy: wire.https_strategy ?? previous.httpsStrategy ?? DEFAULT_HTTPS_STRATEGY,
    linkedDnsZone: {
      allowAlteration: zone?.allow_alteration ?? previous.linkedDnsZone?.allowAlteration ?? false,
      // Not returned by the API.
      allowAlterationOverride: previous.linkedDnsZone?.allowAlterationOverride ?? false,
    },
    ...(application ? { application } : {}),
    status: wire.status,
    createdAt: wire.created_at,
    isTestVhost: wire.is_a_test_vhost ?? false,
    applicationStatus: wire.application?.status ?? null,
    certificates: (wire.certificates ?? []).map((certificate) => ({ id: certificate.id, pending: certificate.pending ?? false })),
    dns: {
      domain: zone?.domain ?? null,
      key: zone?.key ?? null,
      isRoot: zone?.is_root ?? false,
      txt: zone?.txt ?? null,
      cname: zone?.cname ?? null,
      ipv4: zone?.ipv4 ?? null,
      ipv6: zone?.ipv6 ?? null,
      isAlterable: zone?.is_alterable ?? null,
      lastCheckedStatus: zone?.last_checked_status ?? null,
    },
    requiredDnsRecords: requiredRecords(zone, wire.fqdn),
  };
}

export function vhostToWire(inputs: VhostInputs): VhostBody & { fqdn: string } {
  return {
    fqdn: inputs.fqdn,
    ...(inputs.application ? { application: inputs.application } : {}),
    linked_dns_zone: {
      allow_alteration: inputs.linkedDnsZone.allowAlteration,
      allow_alteration_override: inputs.linkedDnsZone.allowAlterationOverride,
    },
  };
}

/** The PATCH that brings the live vhost to the inputs; empty when nothing differs. */
export function vhostPatch(live: VhostWire, olds: Partial<VhostInputs>, news: VhostInputs): VhostBody {
  const patch: VhostBody = {};
  const liveStrategy = live.https_strategy ?? olds.httpsStrategy ?? DEFAULT_HTTPS_STRATEGY;
  if (liveStrategy !== news.httpsStrategy) patch.https_strategy = news.httpsStrategy;
  if (
    news.application &&
    (live.application?.name !== news.application.name || !sameValue(olds.application?.parameters, news.application.parameters))
  ) {
    patch.application = news.application;
  }
  const alteration = live.linked_dns_zone?.allow_alteration ?? olds.linkedDnsZone?.allowAlteration ?? false;
  if (alteration !== news.linkedDnsZone.allowAlteration || olds.linkedDnsZone?.allowAlterationOverride !== news.linkedDnsZone.allowAlterationOverride) {
    patch.linked_dns_zone = {
      allow_alteration: news.linkedDnsZone.allowAlteration,
      allow_alteration_override: news.linkedDnsZone.allowAlterationOverride,
    };
  }
  return patch;
}

export function vhostChangeProblems(olds: VhostInputs, news: VhostInputs): CheckFailure[] {
  if (olds.application && !news.application) {
    return [
      {
        property: "application",
        reason: `cannot be removed: Gandi has no way to uninstall ${olds.application.name} from a vhost. Delete the vhost's files over SFTP, or replace the vhost.`,
      },
    ];
  }
  return [];
}

/** Why a vhost in this status will not reach `running` without the user; undefined while it may still get there. */
function blocked(wire: VhostWire, inputs: VhostInputs): string | undefined {
  const records = requiredRecords(wire.linked_dns_zone, wire.fqdn);
  const toAdd = records.length ? ` Add these DNS records, then run \`pulumi up\` again:\n  ${records.join("\n  ")}` : "";
  if (wire.status === "validation_failed") return `Gandi could not validate ownership of ${wire.fqdn} (validation_failed).${toAdd}`;
  // With allowAlteration Gandi writes the records itself (LiveDNS zones): keep waiting.
  if (wire.status === "waiting_ownership" && !inputs.linkedDnsZone.allowAlteration) {
    return `Gandi is waiting for proof that you own ${wire.fqdn} (waiting_ownership).${toAdd}`;
  }
  if (wire.status === "locked") return `the vhost ${wire.fqdn} is locked by Gandi; see the Gandi admin console`;
  return undefined;
}

async function waitUntilRunning(client: GandiClient, inputs: VhostInputs, context: OperationContext, settled: (wire: VhostWire) => boolean = () => true) {
  let last: VhostWire | undefined;
  try {
    const vhost = await waitFor(
      () => client.getVhost(inputs.instanceId, inputs.fqdn),
      (wire) => {
        last = wire;
        if (!wire) throw new Error(`the vhost ${inputs.fqdn} disappeared from instance ${inputs.instanceId} while waiting for it`);
        const reason = blocked(wire, inputs);
        if (reason) throw new Error(reason);
        return wire.status === "running" && settled(wire);
      },
      {
        description: `Gandi vhost ${inputs.fqdn} to be running`,
        deadline: context,
        initialDelayMs: 1000,
        maxDelayMs: 15_000,
        describe: (wire) => (wire ? `status ${wire.status}` : "not found"),
        clock: context.clock,
        logger: context.logger,
      },
    );
    return vhost!;
  } catch (error) {
    // A deadline passed in waiting_ownership also needs the records to add.
    const records = last ? requiredRecords(last.linked_dns_zone, last.fqdn) : [];
    if (last?.status === "waiting_ownership" && records.length && !String((error as Error).message).includes("TXT")) {
      (error as Error).message += ` Gandi is waiting for proof of ownership; add these DNS records:\n  ${records.join("\n  ")}`;
    }
    throw error;
  }
}

async function converge(client: GandiClient, live: VhostWire, olds: Partial<VhostInputs>, news: VhostInputs, context: OperationContext): Promise<VhostWire> {
  const patch = vhostPatch(live, olds, news);
  if (Object.keys(patch).length === 0) return live;
  await client.updateVhost(news.instanceId, news.fqdn, patch);
  context.logger.info(`Gandi vhost ${news.fqdn}: changed ${Object.keys(patch).join(", ")}`);
  return waitUntilRunning(client, news, context, (wire) => Object.keys(vhostPatch(wire, news, news)).length === 0);
}

/**
 * POST vhost documents 422 for "the vhost already exist on the instance", with
 * no body: the status alone is the signal (a body, if Gandi sends one, is not
 * needed). The vhost is looked up afterwards, so a 422 for another reason
 * still fails with Gandi's answer.
 */
export function isAlreadyExists(error: unknown): boolean {
  return error instanceof ApiError && error.status === 422;
}

/**
 * Vhosts have no field a creation tag could go into; the fqdn is unique. So
 * after a killed `pulumi up` the half-made vhost is recognised by its fqdn on
 * this resource's instance and its state: still `being_created`, which only
 * the create that posted it is waiting for.
 */
export function isBeingCreated(vhost: Pick<VhostWire, "status">): boolean {
  return vhost.status === "being_created";
}

/** What create does with a vhost of this fqdn that is already on the instance. */
function takeOver(existing: VhostWire, inputs: VhostInputs): "resume" | "adopt" {
  if (isBeingCreated(existing)) return "resume";
  if (inputs.adopt) return "adopt";
  throw new Error(
    `Gandi vhost ${inputs.fqdn} already exists on instance ${inputs.instanceId} (status ${existing.status}). ` +
      "Set `adopt: true` to manage it.",
  );
}

export const simpleHostingVhostDefinition: ResourceDefinition<VhostInputs, typeof vhostState> = {
  kind: "gandi:SimpleHostingVhost",
  inputs: simpleHostingVhostArgs,
  state: vhostState,
  replaceOnChanges: ["instanceId", "fqdn"],
  ignoreChanges: ["adopt", "timeouts"],
  // A domain can be a vhost of one instance only: moving it must free it first.
  deleteBeforeReplace: true,
  defaultTimeouts: { create: 15 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  checkChange: vhostChangeProblems,
  /**
   * `instanceId/fqdn`, e.g. `5c2b8f3e-1a4d-4e6b-9f7a-2d8c0b1e3a45/www.example.com`.
   * Read gives back every input Gandi returns; `linkedDnsZone.allowAlterationOverride`
   * is not among them (an imported vhost has false, the default).
   */
  importId: vhostImportId,

  async create(inputs, context) {
    const client = gandiClient(context.settings, context);
    const id = vhostId(inputs.instanceId, inputs.fqdn);
    // Without a creation tag (a program of an older version) each create is its own owner.
    claimObject(vhostClaimKey(inputs.fqdn), context.creationTag ?? randomUUID(), `Gandi vhost ${inputs.fqdn}`);

    let outcome: "created" | "resume" | "adopt" = "created";
    const existing = await client.getVhost(inputs.instanceId, inputs.fqdn);
    if (existing) {
      outcome = takeOver(existing, inputs);
      if (outcome === "resume") context.logger.info(`Gandi vhost ${inputs.fqdn} is being created: an interrupted create posted it; continuing with it`);
    } else {
      try {
        // The vhost was absent a moment ago: after a lost answer, the vhost found is the one just posted.
        await writeReconciled({
          attempt: () => client.createVhost(inputs.instanceId, vhostToWire(inputs)),
          find: () => client.getVhost(inputs.instanceId, inputs.fqdn),
          description: `creating Gandi vhost ${inputs.fqdn}`,
          clock: context.clock,
          logger: context.logger,
        });
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
        // Made between the look and the post: this create's own earlier POST, applied after its
        // answer was lost (being_created: continued), or somebody else's (refused unless adopted).
        const raced = await client.getVhost(inputs.instanceId, inputs.fqdn);
        if (!raced) throw error;
        outcome = takeOver(raced, inputs);
      }
    }
    try {
      let live = await waitUntilRunning(client, inputs, context);
      // https_strategy is not part of the create body; an adopted vhost gets every setting.
      live = await converge(client, live, outcome === "adopt" ? {} : { ...inputs, httpsStrategy: undefined }, inputs, context);
      return { id, state: vhostFromWire(inputs.instanceId, live, inputs) };
    } catch (error) {
      const partial = { ...inputs, status: "unknown" };
      throw new ResourceInitializationError(id, partial, [
        `Gandi vhost ${inputs.fqdn} was created but is not running: ${(error as Error).message}`,
      ]);
    }
  },

  async read(_id, state, context) {
    const client = gandiClient(context.settings, context);
    const live = await client.getVhost(state.instanceId, state.fqdn);
    if (!live || live.status === "being_deleted") return undefined;
    if (readsForImport(state, "httpsStrategy")) {
      // No program values yet: the application's parameters are the ones Gandi returns (optional in GET vhost).
      const parameters = live.application?.parameters;
      const application = live.application && parameters && Object.keys(parameters).length > 0 ? { name: live.application.name, parameters } : undefined;
      return vhostFromWire(state.instanceId, live, application ? { application } : {});
    }
    return vhostFromWire(state.instanceId, live, state);
  },

  async update(_id, olds, news, context) {
    const client = gandiClient(context.settings, context);
    const live = await client.getVhost(news.instanceId, news.fqdn);
    if (!live) throw new Error(`Gandi vhost ${news.fqdn} no longer exists on instance ${news.instanceId}; run \`pulumi refresh\``);
    // After an interrupted create (e.g. waiting_ownership) this resumes the wait.
    const running = live.status === "running" ? live : await waitUntilRunning(client, news, context);
    const converged = await converge(client, running, olds, news, context);
    return vhostFromWire(news.instanceId, converged, news);
  },

  async delete(_id, state, context) {
    const client = gandiClient(context.settings, context);
    if (!(await client.deleteVhost(state.instanceId, state.fqdn))) return;
    await waitFor(
      () => client.getVhost(state.instanceId, state.fqdn),
      (wire) => wire === undefined,
      {
        description: `Gandi vhost ${state.fqdn} to be deleted`,
        deadline: context,
        initialDelayMs: 1000,
        describe: (wire) => (wire ? `status ${wire.status}` : "gone"),
        clock: context.clock,
        logger: context.logger,
      },
    );
  },
};

/**
 * A vhost (a domain served by a Simple Hosting instance).
 *
 * Updates in place: httpsStrategy, application, linkedDnsZone. Replaces:
 * instanceId, fqdn (the old vhost is deleted first). When Gandi cannot verify
 * that you own the domain, create fails with the DNS records to add, and the
 * next `pulumi up` continues waiting.
 */
export class SimpleHostingVhost extends resourceClass<SimpleHostingVhostArgs, "createdAt">()(simpleHostingVhostDefinition) {}

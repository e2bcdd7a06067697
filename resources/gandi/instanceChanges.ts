// How a gandi.SimpleHostingInstance's state is read from and written to
// Gandi's wire format, and which changes Gandi can make in place.
import { CheckFailure } from "../../provider/inputs";
import { CURRENT_SIZES, DomainContactBody, FreeDomainBody, InstanceCreateBody, InstancePatchBody, InstanceWire, LEGACY_RESIZE_TARGETS, LEGACY_SIZES, gigabytes } from "../../provider/gandi/wire";
import type { InstanceState } from "./instance";
import { FreeDomainInputs, InstanceInputs } from "./instanceArgs";

/** The live instance, with the inputs it determines refreshed (`previous` keeps what cannot be read back). */
export function instanceFromWire(wire: InstanceWire, previous: Partial<InstanceInputs>): InstanceState {
  const boosterActive = ["active", "being_created"].includes(wire.booster?.current?.status ?? "");
  const access = wire.access_information;
  return {
    instanceId: wire.id,
    name: wire.name,
    location: wire.datacenter?.region ?? previous.location ?? "",
    size: wire.size,
    database: wire.database?.name ?? previous.database ?? "",
    language: wire.language?.name ?? previous.language ?? "",
    // An omitted version means "Gandi's choice": only a pinned version is refreshed, so it can show drift.
    ...(previous.databaseVersion !== undefined && wire.database?.version ? { databaseVersion: wire.database.version } : {}),
    ...(previous.languageVersion !== undefined && wire.language?.version ? { languageVersion: wire.language.version } : {}),
    snapshotEnabled: wire.snapshot_enabled ?? false,
    storageAdditionalSize: gigabytes(wire.storage?.additional) ?? 0,
    ...(previous.booster !== undefined ? { booster: boosterActive } : {}),
    ...(previous.boosterSize !== undefined && boosterActive && wire.booster?.current?.size_override
      ? { boosterSize: wire.booster.current.size_override }
      : {}),
    status: wire.status,
    datacenter: { code: wire.datacenter?.code ?? null, name: wire.datacenter?.name ?? null, region: wire.datacenter?.region ?? "" },
    currentDatabaseVersion: wire.database?.version ?? null,
    currentLanguageVersion: wire.language?.version ?? null,
    storageBaseGb: gigabytes(wire.storage?.base),
    storageTotalGb: gigabytes(wire.storage?.total),
    ramMb: wire.ram ? (wire.ram.unit.toUpperCase() === "GB" ? wire.ram.value * 1024 : wire.ram.value) : null,
    cpu: wire.cpu,
    createdAt: wire.created_at,
    expireAt: wire.expire_at,
    autorenewMonths: wire.autorenew?.duration ?? null,
    availableUpgrade: wire.available_upgrade ?? false,
    upgradeTo: (wire.upgrade_to ?? []).map((upgrade) => ({ name: upgrade.name, type: upgrade.type, version: upgrade.version })),
    vhostFqdns: (wire.vhosts ?? []).map((vhost) => vhost.fqdn),
    sftpUser: access?.user ?? null,
    adminUrl: access?.admin_url ?? null,
    databaseHost: access?.database?.host ?? null,
    databaseSocket: access?.database?.socket ?? null,
    deploy: (access?.deploy ?? []).map((entry) => ({
      fqdn: entry.vhost?.fqdn ?? null,
      gitUrl: entry.git?.url ?? null,
      gitRemote: entry.git?.remote ?? null,
      gitDeploy: entry.git?.deploy ?? null,
      sftpUrl: entry.sftp?.url ?? null,
      sftpServer: entry.sftp?.server ?? null,
      directory: entry.sftp?.directory ?? null,
      documentRoot: entry.sftp?.document_root ?? null,
    })),
    consoleUrl: wire.console?.url ?? null,
    boosterActive,
    sharingSpaceId: wire.sharing_space?.id ?? null,
    passwordUpdatedAt: wire.password_updated_at,
  };
}

export function instanceToWire(inputs: InstanceInputs): InstanceCreateBody {
  const body: InstanceCreateBody = {
    location: inputs.location,
    size: inputs.size,
    name: inputs.name,
    type: {
      database: { name: inputs.database, ...(inputs.databaseVersion ? { version: inputs.databaseVersion } : {}) },
      language: { name: inputs.language, ...(inputs.languageVersion ? { version: inputs.languageVersion } : {}) },
    },
    autorenew: inputs.autorenew,
    duration: inputs.duration,
    duration_unit: "m",
    snapshot_enabled: inputs.snapshotEnabled,
    storage_additional_size: inputs.storageAdditionalSize,
  };
  if (inputs.password !== undefined) {
    body.authentication = {
      password: inputs.password,
      ...(inputs.sshKeys?.length ? { ssh_keys: inputs.sshKeys } : {}),
      ...(inputs.sshKeyIds?.length ? { keys: inputs.sshKeyIds } : {}),
    };
  }
  if (inputs.vhosts?.length) {
    body.vhosts = inputs.vhosts.map((vhost) => ({
      fqdn: vhost.fqdn,
      ...(vhost.application ? { application: vhost.application } : {}),
      ...(vhost.httpsStrategy ? { https_strategy: vhost.httpsStrategy } : {}),
      ...(vhost.linkedDnsZone
        ? { linked_dns_zone: { allow_alteration: vhost.linkedDnsZone.allowAlteration, allow_alteration_override: vhost.linkedDnsZone.allowAlterationOverride } }
        : {}),
      ...(vhost.withFreeSsl !== undefined ? { with_free_ssl: vhost.withFreeSsl } : {}),
    }));
  }
  if (inputs.freeDomain) body.domain = freeDomainToWire(inputs.freeDomain);
  return body;
}

const snakeCase = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Contact fields are the vendor's, camelCased (`brandNumber` → `brand_number`); `extraParameters` is passed as written. */
function contactToWire(contact: FreeDomainInputs["owner"]): DomainContactBody {
  return Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined).map(([key, value]) => [snakeCase(key), value as DomainContactBody[string]]));
}

export function freeDomainToWire(domain: FreeDomainInputs): FreeDomainBody {
  return {
    fqdn: domain.fqdn,
    owner: contactToWire(domain.owner),
    ...(domain.admin ? { admin: contactToWire(domain.admin) } : {}),
    ...(domain.bill ? { bill: contactToWire(domain.bill) } : {}),
    ...(domain.tech ? { tech: contactToWire(domain.tech) } : {}),
    ...(domain.lang ? { lang: domain.lang } : {}),
    ...(domain.extraParameters ? { extra_parameters: domain.extraParameters } : {}),
  };
}

export const isLegacy = (size: string) => (LEGACY_SIZES as readonly string[]).includes(size);

/**
 * Why Gandi cannot resize `from` to `to`, or undefined when it can. PATCH
 * `size` takes one of "s+", "m", "l", "xxl" and is "Only supported for s, s+,
 * m, l, xl, and xxl instances" (reference): an instance of a current size
 * (starter … business) cannot be resized at all.
 */
export function sizeChangeProblem(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  if (!isLegacy(from)) {
    return (
      `cannot change from ${from} to ${to}: Gandi resizes only ${LEGACY_SIZES.join(", ")} instances (to ${LEGACY_RESIZE_TARGETS.join(", ")}); ` +
      `a ${CURRENT_SIZES.join("/")} instance keeps the size it was ordered with. Keep size ${from}, or create a new instance of size ${to} and move the site`
    );
  }
  if (!(LEGACY_RESIZE_TARGETS as readonly string[]).includes(to)) {
    return `cannot change from ${from} to ${to}: Gandi resizes ${LEGACY_SIZES.join(", ")} instances to ${LEGACY_RESIZE_TARGETS.join(", ")} only`;
  }
  return undefined;
}

/** "8.2" < "8.10": compares dotted versions numerically. */
export function compareVersions(a: string, b: string): number {
  const left = a.split(".").map(Number);
  const right = b.split(".").map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Changes Gandi cannot make, refused at check time (before anything is sent or paid). */
export function instanceChangeProblems(olds: InstanceInputs, news: InstanceInputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (news.storageAdditionalSize < olds.storageAdditionalSize) {
    failures.push({
      property: "storageAdditionalSize",
      reason:
        `can only grow: Gandi supports only increases of additional storage (currently ${olds.storageAdditionalSize} GB, ` +
        `asked ${news.storageAdditionalSize} GB). Keep ${olds.storageAdditionalSize} or more.`,
    });
  }
  failures.push(...freeDomainChangeProblems(olds, news));
  const resize = sizeChangeProblem(olds.size, news.size);
  if (resize) failures.push({ property: "size", reason: resize });
  if (olds.languageVersion !== undefined && news.languageVersion !== undefined && compareVersions(news.languageVersion, olds.languageVersion) < 0) {
    failures.push({
      property: "languageVersion",
      reason: `can only be upgraded (from ${olds.languageVersion}); Gandi has no downgrade. Replacing the instance would lose its files.`,
    });
  }
  return failures;
}

/** Properties whose change replaces the instance (the definition's `replaceOnChanges`). */
export const INSTANCE_REPLACED_BY = ["location", "database", "databaseVersion", "language"] as const;

/**
 * The free domain is registered by the order and then lives in Gandi's domain
 * API: no PATCH of the instance adds, changes or removes it. Adding or
 * changing it is refused (nothing would be registered); removing it is
 * accepted and leaves the domain registered. A replacement would order the
 * same free domain again, which Gandi cannot register twice.
 */
export function freeDomainChangeProblems(olds: InstanceInputs, news: InstanceInputs): CheckFailure[] {
  if (news.freeDomain === undefined) return [];
  if (olds.freeDomain === undefined) {
    return [{ property: "freeDomain", reason: "can only be given when the instance is ordered: Gandi registers the free domain with the order, not afterwards. Register the domain through Gandi's domain service instead" }];
  }
  if (JSON.stringify(olds.freeDomain) !== JSON.stringify(news.freeDomain)) {
    return [
      {
        property: "freeDomain",
        reason: `cannot change: ${olds.freeDomain.fqdn} was registered with the order and is now managed through Gandi's domain service (contacts, renewal); keep the value, or remove freeDomain (the domain stays registered)`,
      },
    ];
  }
  const replacedBy = INSTANCE_REPLACED_BY.filter((key) => olds[key] !== news[key]);
  if (replacedBy.length) {
    return [
      {
        property: "freeDomain",
        reason: `must be removed before ${replacedBy.join(", ")} replaces the instance: the new order would register ${olds.freeDomain.fqdn} again, which is already registered (it stays registered)`,
      },
    ];
  }
  return [];
}

/** The PATCH that brings the live instance to the inputs; empty when nothing differs. */
export function instancePatch(live: InstanceWire, olds: Partial<InstanceInputs>, news: InstanceInputs): InstancePatchBody {
  const patch: InstancePatchBody = {};
  if (live.name !== news.name) patch.name = news.name;
  if (live.size !== news.size) {
    // Adopting, or a size changed outside the program: the PATCH Gandi would refuse is not sent.
    const resize = sizeChangeProblem(live.size, news.size);
    if (resize) throw new Error(`Gandi instance ${news.name}: size ${resize}`);
    patch.size = news.size;
  }
  if ((live.snapshot_enabled ?? false) !== news.snapshotEnabled) patch.snapshot_enabled = news.snapshotEnabled;
  if ((gigabytes(live.storage?.additional) ?? 0) < news.storageAdditionalSize) patch.storage_additional_size = news.storageAdditionalSize;
  if (news.password !== undefined && news.password !== olds.password) patch.password = news.password;
  if (news.booster !== undefined) {
    const active = ["active", "being_created"].includes(live.booster?.current?.status ?? "");
    if (active !== news.booster) patch.booster = news.booster;
    if (news.booster && news.boosterSize !== undefined && (!active || live.booster?.current?.size_override !== news.boosterSize)) {
      patch.booster = true;
      patch.booster_options = { size: news.boosterSize };
    }
  }
  if (news.languageVersion !== undefined && live.language?.version !== news.languageVersion) {
    const upgrade = (live.upgrade_to ?? []).find(
      (candidate) => candidate.type === "language" && candidate.name === news.language && candidate.version === news.languageVersion,
    );
    if (!upgrade?.id) {
      const offered = (live.upgrade_to ?? []).filter((candidate) => candidate.type === "language").map((candidate) => candidate.version);
      throw new Error(
        `Gandi instance ${news.name} runs ${news.language} ${live.language?.version}; ${news.languageVersion} is not an available upgrade ` +
          `(available: ${offered.length ? offered.join(", ") : "none"})`,
      );
    }
    patch.language_id = upgrade.id;
  }
  return patch;
}

/** Whether the live instance shows the requested change (PATCH answers 202 and applies later). */
export function showsChange(live: InstanceWire, patch: InstancePatchBody, news: InstanceInputs): boolean {
  if (patch.name !== undefined && live.name !== patch.name) return false;
  if (patch.size !== undefined && live.size !== patch.size) return false;
  if (patch.snapshot_enabled !== undefined && live.snapshot_enabled !== patch.snapshot_enabled) return false;
  if (patch.storage_additional_size !== undefined && (gigabytes(live.storage?.additional) ?? 0) < patch.storage_additional_size) return false;
  if (patch.language_id !== undefined && live.language?.version !== news.languageVersion) return false;
  return true;
}

import { z } from "zod";
import type { FieldError } from "../errors";
import { flag, idString, numberish, optionalNumber, optionalText } from "../lenient";

/**
 * Gigas Cloud API payloads (docs/gigas.md, "What Gigas's documents say"). Answers are bare JSON objects and
 * arrays, no envelope; lists page with offset/limit and X-Total headers.
 * Fields the quickstart does not show are optional here.
 */

/** `POST /token` (quickstart): `expires` and `refresh_expires` are Unix seconds. */
export const tokenResponse = z.object({
  token: z.string().min(1),
  expires: numberish,
  refresh_token: z.string().min(1).nullish(),
  refresh_expires: optionalNumber,
});
export type TokenWire = z.infer<typeof tokenResponse>;

export const accountWire = z.object({
  id: idString,
  client_id: idString.nullish(),
  product_id: idString.nullish(),
  category_slug: optionalText,
  domain: optionalText,
  status: optionalText,
  location_id: z.union([z.string(), z.number()]).nullish(),
});
export type AccountWire = z.infer<typeof accountWire>;

export const locationWire = z.object({
  id: idString,
  label: z.string(),
  account_id: idString.nullish(),
});
export type LocationWire = z.infer<typeof locationWire>;

export const templateWire = z.object({
  id: idString,
  label: z.string(),
  status: optionalText,
  operating_system: optionalText,
  operating_system_arch: optionalText,
  operating_system_distro: optionalText,
  min_disk_size: optionalNumber,
  min_memory_size: optionalNumber,
  allowed_swap: flag.nullish(),
  public: flag.nullish(),
  /** The template page: the backup a template was made from. */
  backup_id: idString.nullish(),
  /** The template page: a UUIDv4 shared by one set of clones. */
  clone_id: optionalText,
  template_size: optionalNumber,
  /** Clone and template-from-backup answer 202 with the template and, presumably, its token. */
  queue_token: z.string().min(1).nullish(),
});
export type TemplateWire = z.infer<typeof templateWire>;

export const networkWire = z.object({
  id: idString,
  label: optionalText,
  vlan: optionalNumber,
  network_group_id: idString.nullish(),
  status: optionalText,
  multidatacenter: flag.nullish(),
  public: flag.nullish(),
});
export type NetworkWire = z.infer<typeof networkWire>;

/** VM entity (the VM page and the quickstart's create answer). */
export const virtualMachineWire = z.object({
  id: idString,
  label: z.string(),
  hostname: z.string(),
  status: z.string(),
  locked: flag,
  memory: numberish,
  cpus: numberish,
  cpu_type: optionalText,
  template_id: idString.nullish(),
  location_id: idString.nullish(),
  hypervisor_id: idString.nullish(),
  note: optionalText,
  initial_password: optionalText,
  /** Quickstart sample: null. A console password when set: the client registers it as a secret and no state keeps it. */
  remote_access_password: optionalText,
  operating_system: optionalText,
  operating_system_distro: optionalText,
  created_at: optionalText,
  /** 0 normally; non-zero after a failed operation (quickstart shows `"error": 0`). */
  error: z.union([numberish, flag, z.null()]).optional().transform((value) => Boolean(value)),
  queue_token: z.string().min(1).nullish(),
});
export type VirtualMachineWire = z.infer<typeof virtualMachineWire>;

/** The network interfaces page. */
export const networkInterfaceWire = z.object({
  id: idString,
  label: optionalText,
  network_id: idString.nullish(),
  virtual_machine_id: idString.nullish(),
  primary: flag.nullish(),
  default_firewall_policy: optionalText,
  mac_address: optionalText,
  status: optionalText,
  vlan: optionalNumber,
  /** Set when the answer was queued (an edit that moves the interface, a create; docs/gigas.md, guesses). */
  queue_token: z.string().min(1).nullish(),
});
export type NetworkInterfaceWire = z.infer<typeof networkInterfaceWire>;

/** The networks page shows no IP schema; these are its Add-IP fields plus ids. */
export const ipAddressWire = z.object({
  id: idString,
  address: z.string(),
  network_interface_id: idString.nullish(),
  network_id: idString.nullish(),
  netmask: optionalText,
  gateway: optionalText,
  broadcast: optionalText,
  network_address: optionalText,
  disallowed_primary: flag.nullish(),
});
export type IpAddressWire = z.infer<typeof ipAddressWire>;

/** The disk page. */
export const diskWire = z.object({
  id: idString,
  virtual_machine_id: idString.nullish(),
  disk_size: numberish,
  status: optionalText,
  locked: flag.nullish(),
  error: z.union([numberish, flag, z.null()]).optional().transform((value) => Boolean(value)),
  is_swap: flag.nullish(),
  /** Not in the stored docs: the disk the VM was built on (see docs/gigas.md, guesses). */
  primary: flag.nullish(),
  autobackup: flag.nullish(),
  mount_point: optionalText,
  add_to_linux_fstab: flag.nullish(),
  queue_token: z.string().min(1).nullish(),
});
export type DiskWire = z.infer<typeof diskWire>;

/** The firewall page. `address` and `port` are "" for "any". */
export const firewallRuleWire = z.object({
  id: idString,
  network_interface_id: idString,
  command: z.string(),
  protocol: z.string(),
  address: optionalText,
  port: z.union([z.string(), z.number()]).nullish().transform((value) => (value === null || value === undefined ? null : String(value))),
  order: numberish,
  status: optionalText,
});
export type FirewallRuleWire = z.infer<typeof firewallRuleWire>;

/** An answer that may be queued (202 + `queue_token`) or not (200/204, any body or none): the token, if any. */
export const maybeQueuedAnswer = z.unknown().transform((body): string | undefined => {
  const token = body && typeof body === "object" ? (body as { queue_token?: unknown }).queue_token : undefined;
  return typeof token === "string" && token !== "" ? token : undefined;
});
/** The backup page (complete): every field it lists; `disk_id` is the disk a restore writes to. */
export const backupWire = z.object({
  id: idString,
  disk_id: idString.nullish(),
  date_created: optionalText,
  status: optionalText,
  operating_system: optionalText,
  operating_system_distro: optionalText,
  template_id: idString.nullish(),
  backup_size: optionalNumber,
  locked: flag.nullish(),
  /** `gigas` (regular) or `gigas-automatic`. */
  backup_type: optionalText,
  queue_token: z.string().min(1).nullish(),
});
export type BackupWire = z.infer<typeof backupWire>;

/** Any queued ("Has Token: Yes") answer: the token, whatever else it carries. */
export const queuedAnswer = z.object({ queue_token: z.string().min(1) }).passthrough();

/**
 * Quickstart: `{"status": "pending"}` then `{"status": "Completed", "updated_at": …}`.
 * Nothing more is documented; `message` and `error` are read if a failure
 * happens to carry them, and never needed.
 */
export const transactionStatusWire = z
  .object({
    status: z.string(),
    updated_at: optionalText,
    message: optionalText,
    error: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  })
  .passthrough();
export type TransactionStatusWire = z.infer<typeof transactionStatusWire>;

export interface VirtualMachineBody {
  label: string;
  note: string;
  memory: number;
  cpus: number;
  cpu_type: string;
  template_id: string;
  hostname: string;
  location_id: string;
  primary_disk_size: number;
  swap_disk_size: number;
  default_firewall_policy: string;
  initial_root_password?: string;
}

export interface VirtualMachineEdit {
  label?: string;
  note?: string;
  memory?: number;
  cpus?: number;
}

/** Guess: interface create is not documented; the interface fields a new interface needs (docs/gigas.md). */
export interface NetworkInterfaceBody {
  virtual_machine_id: string;
  network_id: string;
  label: string;
  default_firewall_policy: string;
}

/** The network interfaces page's Edit parameters: `label`, `network_id` (the rest is cut off). */
export interface NetworkInterfaceEdit {
  label?: string;
  network_id?: string;
}

/** The networks page's "Add IP to a network": `address` required, the rest optional; `network_interface_id` is a guess. */
export interface IpAddressBody {
  address: string;
  /** Guess (docs/gigas.md): the documented fields do not say how an added IP reaches an interface. */
  network_interface_id: string;
  disallowed_primary?: boolean;
  netmask?: string;
  broadcast?: string;
  network_address?: string;
  gateway?: string;
}

/** The disk page's Edit parameters (create takes the same, without `force_reboot`: a guess). */
export interface DiskBody {
  virtual_machine_id?: string;
  disk_size?: number;
  /** The disk page: 1 or 0. */
  autobackup?: number;
  mount_point?: string;
  add_to_linux_fstab?: boolean;
  /** The disk page: lets Gigas reboot the attached VM for a change that needs it. Edit only. */
  force_reboot?: boolean;
}

/** The firewall page's Edit rule fields, all optional. `order` is not among them. */
export interface FirewallRuleEdit {
  network_interface_id?: string;
  command?: string;
  protocol?: string;
  address?: string;
  port?: string;
}

/** The firewall page does not show rule create: the rule fields, `order` (the rule's position) included; a guess. */
export interface FirewallRuleBody {
  command: string;
  protocol: string;
  address: string;
  port: string;
  order: number;
}

/**
 * The fields a refusal names. No error format is documented (docs/gigas.md); read
 * `errors` as `{field: [messages]}` (Rails style, what the emulator answers)
 * or as `[{field, message}]`, at the top level or under `error`.
 */
export function gigasFieldErrors(body: unknown): FieldError[] {
  if (!body || typeof body !== "object") return [];
  const top = body as Record<string, unknown>;
  const nested = top.error && typeof top.error === "object" ? (top.error as Record<string, unknown>) : {};
  const errors = top.errors ?? nested.errors;
  const texts = (value: unknown): string[] =>
    (Array.isArray(value) ? value : [value]).filter((text): text is string => typeof text === "string" && text.trim() !== "").map((text) => text.trim());
  if (Array.isArray(errors)) {
    return errors.flatMap((item) => {
      if (!item || typeof item !== "object") return [];
      const { field, message } = item as { field?: unknown; message?: unknown };
      return typeof field === "string" && texts(message).length ? [{ field, message: texts(message).join(", ") }] : [];
    });
  }
  if (errors && typeof errors === "object") {
    return Object.entries(errors as Record<string, unknown>).flatMap(([field, value]) => (texts(value).length ? [{ field, message: texts(value).join(", ") }] : []));
  }
  return [];
}

/** The vendor's error text. No error format is documented (docs/gigas.md): take the usual keys. */
export function gigasMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() ? body.trim().slice(0, 300) : undefined;
  if (!body || typeof body !== "object") return undefined;
  const fields = body as Record<string, unknown>;
  for (const key of ["message", "error", "detail", "error_description"]) {
    const value = fields[key];
    if (typeof value === "string" && value.trim()) return value.trim();
    if (value && typeof value === "object" && typeof (value as { message?: unknown }).message === "string") {
      return (value as { message: string }).message;
    }
  }
  return undefined;
}

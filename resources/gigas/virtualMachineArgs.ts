// The inputs of a gigas.VirtualMachine: what a program writes, checked at `check`.
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { timeoutsInput } from "../../provider/dynamic";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { vendorId } from "../vendorId";

/** Gigas's quickstart create body sends "intel", the only CPU type the documents show (docs/gigas.md). */
export const CPU_TYPES = ["intel"] as const;
export const FIREWALL_POLICIES = ["ACCEPT", "DROP"] as const;

/** The VM page (docs/gigas.md): up to 25 characters, not starting with a number; letters, digits and hyphens assumed. */
export function hostnameProblem(hostname: string): string | undefined {
  if (hostname.length === 0) return "must not be empty";
  if (hostname.length > 25) return `must be at most 25 characters (got ${hostname.length})`;
  if (/^\d/.test(hostname)) return "must not start with a digit";
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(hostname)) return "may contain only letters, digits and hyphens, starting with a letter";
  if (hostname.endsWith("-")) return "must not end with a hyphen";
  return undefined;
}

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `must be a number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(min, `must be at least ${min} ${what}`)
    .max(max, `must be at most ${max} ${what}`);

export const virtualMachineArgs = z
  .object({
    label: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
    hostname: z
      .string()
      .trim()
      .superRefine((hostname, context) => {
        const problem = hostnameProblem(hostname);
        if (problem) context.addIssue({ code: "custom", message: problem });
      }),
    templateId: vendorId("a Gigas template id, e.g. from getTemplates()"),
    locationId: vendorId("a Gigas location id, e.g. from getLocations()"),
    memory: wholeNumber("MB", 256, 1_048_576),
    cpus: wholeNumber("CPUs", 1, 64),
    cpuType: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .pipe(z.enum(CPU_TYPES, { error: `must be ${CPU_TYPES.join(" or ")}, the only CPU type Gigas documents` }))
      .default("intel"),
    primaryDiskSize: wholeNumber("GB", 1, 16_384),
    swapDiskSize: wholeNumber("GB", 0, 64).default(0),
    defaultFirewallPolicy: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .pipe(z.enum(FIREWALL_POLICIES, { error: `must be ${FIREWALL_POLICIES.join(" or ")}` }))
      .default("ACCEPT"),
    initialRootPassword: z.string().min(8, "must be at least 8 characters").max(128, "must be at most 128 characters").optional(),
    note: z.string().max(4096, "must be at most 4096 characters").default(""),
    forceReboot: z.boolean({ error: "must be true or false" }).default(false),
    timeouts: timeoutsInput,
  })
  .strict();

/** The arguments of a `VirtualMachine`; see docs/gigas.md. */
export interface VirtualMachineArgs {
  /**
   * A friendly description shown in the Gigas control panel, 1–255 characters,
   * e.g. `"app server"`. Changes in place.
   */
  label: pulumi.Input<string>;
  /**
   * The VM's host name: at most 25 letters, digits and hyphens, starting with a
   * letter, e.g. `"app1"`. Changing it replaces the VM.
   */
  hostname: pulumi.Input<string>;
  /**
   * The template the VM is built from, an id from `getTemplates()`, as a number
   * or digits, e.g. `2266610120`. Changing it replaces the VM.
   */
  templateId: pulumi.Input<string | number>;
  /**
   * Where the VM runs, an id from `getLocations()`, e.g. `226661012`. Changing it
   * replaces the VM.
   */
  locationId: pulumi.Input<string | number>;
  /**
   * Memory in MB, 256–1048576 and at least the template's `minMemorySize`,
   * e.g. `2048`. Changes in place (a queued operation).
   */
  memory: pulumi.Input<number>;
  /** Number of CPUs, 1–64, e.g. `2`. Changes in place (a queued operation). */
  cpus: pulumi.Input<number>;
  /**
   * The CPU type: `"intel"` (the default), the only one Gigas documents. Changing
   * it replaces the VM.
   */
  cpuType?: pulumi.Input<string>;
  /**
   * Size of the primary disk in GB, 1–16384 and at least the template's
   * `minDiskSize`, e.g. `20`. Changes in place, and can only grow (a grow that
   * needs a reboot only with `forceReboot`).
   */
  primaryDiskSize: pulumi.Input<number>;
  /**
   * Size of the swap disk in GB, 0–64; 0 (the default) for none, and 0 for
   * templates without swap. Changes in place, and can only grow; a swap disk
   * cannot be added to a VM made without one.
   */
  swapDiskSize?: pulumi.Input<number>;
  /**
   * What the primary network interface does with traffic no `FirewallRule`
   * matches: `"ACCEPT"` (the default) or `"DROP"`. Changes in place (the interface's
   * policy is set, then its firewall rules are applied, a queued operation).
   */
  defaultFirewallPolicy?: pulumi.Input<string>;
  /**
   * The root password of the first build, 8–128 characters, e.g.
   * `config.requireSecret("rootPassword")`; Gigas generates one when omitted.
   * Used at create only (and again if a failed build is rebuilt); a secret.
   * Never causes a diff.
   */
  initialRootPassword?: pulumi.Input<string>;
  /**
   * Free text kept with the VM, up to 4096 characters (default `""`), e.g.
   * `"managed by Pulumi"`. Changes in place.
   */
  note?: pulumi.Input<string>;
  /**
   * Lets Gigas reboot the VM when growing its primary or swap disk needs it
   * (default false); without it such a grow is refused, naming this input.
   * Never causes a diff by itself.
   */
  forceReboot?: pulumi.Input<boolean>;
  /** Deadlines for create (default 30m), update (30m) and delete (20m). Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<VirtualMachineArgs, typeof virtualMachineArgs>>;
export type VirtualMachineInputs = z.output<typeof virtualMachineArgs>;

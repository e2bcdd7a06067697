import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ResourceDefinition, timeoutsInput } from "../../provider/dynamic";
import { resourceClass, stateSchema } from "../../provider/resourceClass";
import { ResourceInitializationError } from "../../provider/errors";
import { GigasClient, TemplateWire, WaitContext, gigasClient } from "../../provider/gigas/client";
import { waitForTransaction } from "../../provider/gigas/transactions";
import { waitUntilFree } from "../../provider/gigas/locks";
import { waitFor } from "../../provider/poll";
import { claimObject } from "../../provider/identity";
import { createOnce, onlyCandidate } from "../../provider/reconcile";
import { ArgsMatchSchema, Assert, Timeouts } from "../types";
import { claimOwner, findCreated, gigasObjectKey, heldByAnother, reasonOf } from "./operation";
import { vendorId } from "../vendorId";
import { readsForImport, templateImportId } from "./importIds";

export const templateArgs = z
  .object({
    label: z.string({ error: "must be a string" }).trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
    backupId: vendorId("a Gigas backup id, e.g. one from getBackups").optional(),
    sourceTemplateId: vendorId("a Gigas template id, e.g. one from getTemplates").optional(),
    userId: vendorId("a Gigas user id").optional(),
    locationId: vendorId("a Gigas location id, e.g. one from getLocations").optional(),
    timeouts: timeoutsInput,
  })
  .strict()
  .superRefine((args, context) => {
    const from = (args.backupId === undefined ? 0 : 1) + (args.sourceTemplateId === undefined ? 0 : 1);
    if (from !== 1) {
      context.addIssue({ code: "custom", path: ["backupId"], message: "give exactly one of backupId (a template from a backup) and sourceTemplateId (a clone)" });
    }
    if (args.sourceTemplateId !== undefined) {
      if (args.userId === undefined) context.addIssue({ code: "custom", path: ["userId"], message: "is required to clone a template (the template page's Clone)" });
      if (args.locationId === undefined) context.addIssue({ code: "custom", path: ["locationId"], message: "is required to clone a template (the template page's Clone)" });
    } else {
      if (args.userId !== undefined) context.addIssue({ code: "custom", path: ["userId"], message: "is only for a clone (with sourceTemplateId)" });
      if (args.locationId !== undefined) context.addIssue({ code: "custom", path: ["locationId"], message: "is only for a clone (with sourceTemplateId)" });
    }
  });

/** The arguments of a `Template`; see docs/gigas.md. Give `backupId`, or `sourceTemplateId` with `userId` and `locationId`. */
export interface TemplateArgs {
  /**
   * The template's label, e.g. `"web 2026-01"`. Changes in place. With
   * `backupId`, the label and the backup are what let an interrupted create
   * find its template again: keep labels of one backup's templates distinct.
   */
  label: pulumi.Input<string>;
  /** Make the template from this backup (the backup page's "Template from backup"). Changing it replaces the template. */
  backupId?: pulumi.Input<string | number>;
  /** Make the template as a clone of this template (the template page's Clone). Changing it replaces the template. */
  sourceTemplateId?: pulumi.Input<string | number>;
  /** The user the clone is for (required with `sourceTemplateId`). Changing it replaces the template. */
  userId?: pulumi.Input<string | number>;
  /** The location the clone is for, e.g. from `getLocations` (required with `sourceTemplateId`). Changing it replaces the template. */
  locationId?: pulumi.Input<string | number>;
  /** Deadlines for create, update and delete (default 60m, 10m, 20m). Never causes a diff. */
  timeouts?: pulumi.Input<Timeouts>;
}
type ArgsAreTheSchema = Assert<ArgsMatchSchema<TemplateArgs, typeof templateArgs>>;
type TemplateInputs = z.output<typeof templateArgs>;

export const templateState = stateSchema({
  /** The template's Gigas id: use it as a VirtualMachine's `templateId`. */
  templateId: z.string(),
  /** The label, as Gigas reports it. */
  label: z.string(),
  /** `active`, `inactive` or `pending` (the template page); null if Gigas reports none. */
  status: z.string().nullable(),
  /** The set of clones the template belongs to (a UUIDv4); null for none. */
  cloneId: z.string().nullable(),
  /** The operating system family (`linux`, `windows`), as Gigas reports it. */
  operatingSystem: z.string().nullable(),
  /** The distribution (e.g. `ubuntu`), as Gigas reports it. */
  operatingSystemDistro: z.string().nullable(),
  /** GB: a VirtualMachine made from it needs at least this primary disk. */
  minDiskSize: z.number().nullable(),
  /** Size of the template, as Gigas reports it. */
  templateSize: z.number().nullable(),
});
export type TemplateState = z.infer<typeof templateState>;

export function templateFromWire(wire: TemplateWire): TemplateState {
  return {
    templateId: wire.id,
    label: wire.label,
    status: wire.status,
    cloneId: wire.clone_id,
    operatingSystem: wire.operating_system,
    operatingSystemDistro: wire.operating_system_distro,
    minDiskSize: wire.min_disk_size,
    templateSize: wire.template_size,
  };
}

const KIND = "gigas:Template";

const pending = (template: TemplateWire) => template.status?.trim().toLowerCase() === "pending";

/** Until no queued operation works on the template (status "pending", the template page). Undefined when it is gone. */
async function waitForTemplateSettled(client: GigasClient, templateId: string, context: WaitContext): Promise<TemplateWire | undefined> {
  return waitFor(
    () => client.getTemplate(templateId),
    (template) => template === undefined || !pending(template),
    {
      description: `template ${templateId} to be ready`,
      deadline: context,
      describe: (template) => (template ? template.status ?? "unknown" : "gone"),
      initialDelayMs: 2000,
      maxDelayMs: 15_000,
      clock: context.clock,
      logger: context.logger,
    },
  );
}

async function waitForBackupFree(client: GigasClient, backupId: string, context: WaitContext): Promise<void> {
  const backup = await waitUntilFree(`backup ${backupId}`, () => client.getBackup(backupId), context);
  if (!backup) throw new Error(`${KIND}: backupId: there is no backup ${backupId} in this account`);
}

/** Templates no other resource of this command holds. */
async function unclaimed(client: GigasClient, templates: TemplateWire[], owner: string): Promise<TemplateWire[]> {
  const free: TemplateWire[] = [];
  for (const template of templates) if (!heldByAnother(await gigasObjectKey(client, "template", template.id), owner)) free.push(template);
  return free;
}

/**
 * How a template is made and found again. From a backup, the template
 * carries its `backup_id` and the label given: those two are its identity
 * (before and after a write whose answer was lost). A clone carries the
 * source's label and `clone_id` and nothing of this resource, so, like an
 * unmounted Disk, an interrupted clone is recognised only while Gigas still
 * makes it ("pending") or once it has this label; a finished clone still
 * bearing the source's label could be anyone's and is passed by.
 */
function origin(client: GigasClient, inputs: TemplateInputs, owner: string, description: string) {
  if (inputs.backupId !== undefined) {
    const backupId = inputs.backupId;
    const fromBackup = (template: TemplateWire) => template.backup_id === backupId && template.label === inputs.label;
    const list = async () => (await client.listTemplates({ label: inputs.label })).filter(fromBackup);
    return {
      attempt: () => client.createTemplateFromBackup(backupId, { label: inputs.label }),
      find: findCreated(list, async (templates) => onlyCandidate(await unclaimed(client, templates, owner), (t) => t.id, description), fromBackup, description),
    };
  }
  const sourceId = inputs.sourceTemplateId!;
  // The clone joins the source's set of clones; the source may only get its clone_id with the first clone.
  const list = async () => {
    const source = await client.getTemplate(sourceId);
    if (!source) throw new Error(`${KIND}: sourceTemplateId: there is no template ${sourceId} in this account`);
    if (!source.clone_id) return [];
    return (await client.listTemplates({ clone_id: source.clone_id })).filter((t) => t.id !== source.id && t.clone_id === source.clone_id);
  };
  return {
    attempt: () => client.cloneTemplate(sourceId, { user_id: inputs.userId!, location_id: inputs.locationId! }),
    find: findCreated(
      list,
      async (clones) => onlyCandidate(await unclaimed(client, clones.filter((t) => pending(t) || t.label === inputs.label), owner), (t) => t.id, description),
      () => true,
      description,
    ),
  };
}

/** An import names the clone's source: it must be of the same set of clones (`clone_id`, the template page). */
async function requireCloneOf(client: GigasClient, template: TemplateWire, sourceId: string): Promise<void> {
  const source = sourceId === template.id ? undefined : await client.getTemplate(sourceId);
  if (!source || !template.clone_id || source.clone_id !== template.clone_id) {
    throw new Error(
      `${KIND}: template ${template.id} is not a clone of template ${sourceId}` +
        (source ? ` (their clone sets differ: ${template.clone_id ?? "none"} and ${source.clone_id ?? "none"})` : " (there is no such other template)") +
        "; import a template made from a backup by its templateId alone",
    );
  }
}

export const templateDefinition: ResourceDefinition<TemplateInputs, typeof templateState> = {
  kind: KIND,
  inputs: templateArgs,
  state: templateState,
  replaceOnChanges: ["backupId", "sourceTemplateId", "userId", "locationId"],
  ignoreChanges: ["timeouts"],
  defaultTimeouts: { create: 60 * 60_000, update: 10 * 60_000, delete: 20 * 60_000 },
  /**
   * `templateId` for a template made from a backup (read gives back its
   * `backupId`), e.g. `2266610470`; `templateId/sourceTemplateId/userId/locationId`
   * for a clone, whose origin Gigas does not return (resources/gigas/importIds.ts).
   */
  importId: templateImportId,

  async create(inputs, context) {
    const client = gigasClient(context.settings, context);
    const owner = claimOwner(context);
    const description =
      inputs.backupId !== undefined ? `${KIND}: template "${inputs.label}" from backup ${inputs.backupId}` : `${KIND}: clone of template ${inputs.sourceTemplateId} as "${inputs.label}"`;
    if (inputs.backupId !== undefined) await waitForBackupFree(client, inputs.backupId, context);
    const { attempt, find } = origin(client, inputs, owner, description);
    const { object: made, resumed } = await createOnce<TemplateWire>({ attempt, find, description, clock: context.clock, logger: context.logger });
    claimObject(await gigasObjectKey(client, "template", made.id), owner, `Gigas template ${made.id}`);
    try {
      if (!resumed && made.queue_token) await waitForTransaction(client, made.queue_token, `creation of template ${made.id}`, context);
      let ready = await waitForTemplateSettled(client, made.id, context);
      if (!ready) throw new Error(`template ${made.id} was removed by the vendor after its creation failed`);
      // A clone keeps its source's label (the template page's Clone takes none): the Edit call gives it this one.
      if (ready.label !== inputs.label) ready = await client.editTemplate(made.id, { label: inputs.label });
      return { id: made.id, state: templateFromWire(ready) };
    } catch (error) {
      const leftover = await client.getTemplate(made.id).catch(() => undefined);
      if (!leftover) throw error;
      throw new ResourceInitializationError(made.id, { ...inputs, ...templateFromWire(leftover) }, [
        `${reasonOf(error)}. Template ${made.id} is kept in the stack; the next \`pulumi up\` continues from it.`,
      ]);
    }
  },

  async read(id, state, context) {
    const client = gigasClient(context.settings, context);
    const template = await client.getTemplate(id);
    if (!template) return undefined;
    if (state.sourceTemplateId !== undefined) {
      if (readsForImport(state, "label")) await requireCloneOf(client, template, state.sourceTemplateId);
      return templateFromWire(template);
    }
    // A template from a backup carries the backup (the template page's `backup_id`). A clone copies its
    // source's, so only a template that is not a clone gives it back as an input.
    return { ...templateFromWire(template), ...(template.backup_id ? { backupId: template.backup_id } : {}) };
  },

  async update(id, _olds, news, context) {
    const client = gigasClient(context.settings, context);
    const current = await waitForTemplateSettled(client, id, context);
    if (!current) throw new Error(`${KIND} ${id} no longer exists; run \`pulumi refresh\``);
    const edited = current.label === news.label ? current : await client.editTemplate(id, { label: news.label });
    return templateFromWire(edited);
  },

  async delete(id, _state, context) {
    const client = gigasClient(context.settings, context);
    const template = await waitForTemplateSettled(client, id, context);
    if (!template) return;
    const token = await client.deleteTemplate(id);
    if (token) await waitForTransaction(client, token, `deletion of template ${id}`, context);
  },
};

/**
 * An account template, made from a backup (`backupId`) or as a clone of
 * another template (`sourceTemplateId`, `userId`, `locationId`). The label
 * changes in place; deleting it deletes the template (a queued operation)
 * and never the backup or the source template.
 */
export class Template extends resourceClass<TemplateArgs>()(templateDefinition) {}

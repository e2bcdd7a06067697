// Backups and the templates made from them or cloned (docs/vendor-documents.md,
// "Gigas: backups", "Gigas: templates"). The backup page is complete but shows no
// way to make a backup: tests seed them (`add`). Restore, delete, template from
// backup, template clone and template delete are queued ("Has Token: Yes") and
// hold what they work on until they end. What a queued operation holds, the
// backup's status meanwhile, and the refusals below the pages do not state are
// the guesses listed in docs/gigas.md.
import { randomUUID } from "node:crypto";
import { EmulatorError, invalidField } from "../core";
import { locked } from "./errors";
import type { BackupRecord, TemplateRecord, TransactionRecord } from "./records";
import type { GigasState } from "./state";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export class Backups {
  constructor(private readonly state: GigasState) {}

  /** A backup of `diskId` as Gigas would have made it (no documented call makes one). */
  add(accountId: number, diskId: string, fields: Partial<BackupRecord> = {}): BackupRecord {
    const disk = this.state.disk(accountId, diskId);
    const vm = disk.virtual_machine_id ? this.state.data.vms.find((v) => v.id === disk.virtual_machine_id) : undefined;
    const backup: BackupRecord = {
      id: this.state.newId(accountId),
      account_id: accountId,
      disk_id: disk.id,
      date_created: this.state.timestamp().replace("T", " "),
      status: "active",
      operating_system: vm?.operating_system ?? null,
      operating_system_distro: vm?.operating_system_distro ?? null,
      template_id: vm?.template_id ?? null,
      backup_size: disk.disk_size,
      locked: false,
      backup_type: "gigas",
      ...fields,
    };
    this.state.data.backups.push(backup);
    return backup;
  }

  /**
   * The backup page's Restore: "writes the backup back to the disk it came
   * from". The disk and its VM are held until it ends (a guess); the VM's
   * power state is left as it is (the page says nothing of a reboot).
   */
  restore(accountId: number, backupId: string): string {
    const backup = this.free(accountId, backupId);
    const disk = this.state.data.disks.find((d) => d.id === backup.disk_id && d.account_id === accountId);
    if (!disk) throw invalidField("disk_id", `disk ${backup.disk_id} the backup came from no longer exists`);
    if (disk.locked) throw new EmulatorError(409, `Disk ${disk.id} is locked by another operation`);
    const vm = disk.virtual_machine_id ? this.state.vm(accountId, disk.virtual_machine_id) : undefined;
    if (vm?.locked) throw locked(vm.id);
    if (vm) vm.locked = true;
    disk.locked = true;
    this.hold(backup, "restoring");
    return this.state.queue(accountId, "backup.restore", backup.id, vm?.id ?? null, { disk_id: disk.id });
  }

  delete(accountId: number, backupId: string): string {
    const backup = this.free(accountId, backupId);
    this.hold(backup, "deleting");
    return this.state.queue(accountId, "backup.delete", backup.id, null, {});
  }

  /** The backup page's "Template from backup": `label` required; the template is "pending" until the transaction ends. */
  templateFromBackup(accountId: number, backupId: string, label: string | undefined): { template: TemplateRecord; token: string } {
    if (label === undefined || label.trim() === "") throw invalidField("label", "is required");
    const backup = this.free(accountId, backupId);
    const template = this.addTemplate(accountId, {
      label,
      backup_id: backup.id,
      clone_id: null,
      operating_system: backup.operating_system ?? "linux",
      operating_system_distro: backup.operating_system_distro ?? "",
      min_disk_size: backup.backup_size,
      template_size: backup.backup_size,
    });
    this.hold(backup, "templating");
    const token = this.state.queue(accountId, "template.create", template.id, null, { backup_id: backup.id });
    return { template, token };
  }

  /**
   * The template page's Clone: "copies a template to another user and
   * location"; `user_id` and `location_id` required. The copy keeps the
   * label and joins the source's set of clones (`clone_id`, given to the
   * source if it had none: a guess).
   */
  clone(accountId: number, templateId: string, userId: string | undefined, locationId: string | undefined): { template: TemplateRecord; token: string } {
    if (userId === undefined || userId.trim() === "") throw invalidField("user_id", "is required");
    if (!/^\d+$/.test(userId)) throw invalidField("user_id", "must be a user id (digits)");
    if (locationId === undefined || locationId.trim() === "") throw invalidField("location_id", "is required");
    if (!this.state.data.locations.some((l) => l.id === locationId && l.account_id === accountId)) throw invalidField("location_id", `no location ${locationId} in this account`);
    const source = this.state.template(accountId, templateId);
    if (source.status !== "active") throw new EmulatorError(409, `Template ${templateId} is ${source.status}; only an active template can be cloned`);
    source.clone_id ??= randomUUID();
    const { id, status, ...copied } = source;
    const template = this.addTemplate(accountId, { ...copied, public: false });
    const token = this.state.queue(accountId, "template.create", template.id, null, { source_id: source.id });
    return { template, token };
  }

  /** The template page's Edit: `label`, `clone_id`; 200. The catalogue's public templates are not the account's to change (a guess). */
  editTemplate(accountId: number, templateId: string, changes: { label?: string; clone_id?: string }): TemplateRecord {
    const template = this.ownTemplate(accountId, templateId);
    if (changes.label !== undefined && changes.label.trim() === "") throw invalidField("label", "must not be empty");
    if (changes.clone_id !== undefined && !UUID_V4.test(changes.clone_id)) throw invalidField("clone_id", "must be a UUIDv4");
    if (changes.label !== undefined) template.label = changes.label;
    if (changes.clone_id !== undefined) template.clone_id = changes.clone_id;
    return template;
  }

  /** The template page's Delete: 202 + token; the template shows "pending" until it is gone (a guess). */
  deleteTemplate(accountId: number, templateId: string): string {
    const template = this.ownTemplate(accountId, templateId);
    template.status = "pending";
    return this.state.queue(accountId, "template.delete", template.id, null, {});
  }

  completeTransaction(transaction: TransactionRecord, succeeded: boolean): void {
    const backup = this.state.data.backups.find((b) => b.id === transaction.target);
    switch (transaction.kind) {
      case "backup.restore": {
        this.state.releaseVirtualMachine(transaction);
        const disk = this.state.data.disks.find((d) => d.id === transaction.payload.disk_id);
        if (disk) {
          disk.locked = false;
          if (succeeded) disk.updated_at = this.state.timestamp();
        }
        if (backup) this.release(backup);
        return;
      }
      case "backup.delete": {
        if (succeeded) this.state.data.backups = this.state.data.backups.filter((b) => b.id !== transaction.target);
        else if (backup) this.release(backup);
        return;
      }
      case "template.create": {
        const template = this.state.data.templates.find((t) => t.id === transaction.target);
        const from = this.state.data.backups.find((b) => b.id === transaction.payload.backup_id);
        if (from) this.release(from);
        if (!template) return;
        if (succeeded) template.status = "active";
        else this.state.data.templates = this.state.data.templates.filter((t) => t !== template);
        return;
      }
      case "template.delete": {
        const template = this.state.data.templates.find((t) => t.id === transaction.target);
        if (succeeded) this.state.data.templates = this.state.data.templates.filter((t) => t !== template);
        else if (template) template.status = "active";
        return;
      }
    }
  }

  /** The backup, refused (409) while another queued operation holds it. */
  private free(accountId: number, backupId: string): BackupRecord {
    const backup = this.state.backup(accountId, backupId);
    if (backup.locked) throw new EmulatorError(409, `Backup ${backupId} is locked by another operation (${backup.status})`);
    return backup;
  }

  private hold(backup: BackupRecord, status: string): void {
    backup.locked = true;
    backup.status = status;
  }

  private release(backup: BackupRecord): void {
    backup.locked = false;
    backup.status = "active";
  }

  /** A template of the account that it may change: not a public catalogue one, not one still being made or deleted. */
  private ownTemplate(accountId: number, templateId: string): TemplateRecord {
    const template = this.state.template(accountId, templateId);
    if (template.public) throw new EmulatorError(403, `Template ${templateId} is a public template; only the account's own templates can be changed`);
    if (template.status === "pending") throw new EmulatorError(409, `Template ${templateId} is pending another operation`);
    return template;
  }

  private addTemplate(accountId: number, fields: Partial<TemplateRecord> & { label: string }): TemplateRecord {
    return this.state.catalogue.addTemplate(accountId, { public: false, status: "pending", allowed_swap: 1, min_memory_size: 0, ...fields });
  }
}


// Backups (docs/vendor-documents.md, "Gigas: backups": list, get, delete,
// restore, template from backup) and the template page's writes ("Gigas:
// templates": edit, delete, clone); the template reads are in account-routes.
import type { Route } from "../core";
import { FIELDS } from "./fields";
import type { BackupRecord, GigasData } from "./records";
import { type GigasRouteContext, filterBy, ok, optionalInteger, optionalString, queued, strictBody, strictQuery } from "./requests";

/** The backup page's list filters. */
const BACKUP_FILTERS = ["min_disk_size", "disk_id", "operating_system", "operating_system_distro", "locked"];

export function backupRoutes({ state: s, page, account }: GigasRouteContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/account/:account/backups",
      handler: (req) => {
        strictQuery(req, BACKUP_FILTERS);
        const id = account(req);
        const minDiskSize = optionalInteger(req.query, "min_disk_size", 0, 1_000_000);
        const backups = filterBy(s.data.backups.filter((b) => b.account_id === id), req.query, ["disk_id", "operating_system", "operating_system_distro", "locked"]);
        return page(req, backups.filter((b) => minDiskSize === undefined || diskSize(s.data, b) >= minDiskSize).map(backupAnswer));
      },
    },
    { method: "GET", pattern: "/account/:account/backup/:id", handler: (req) => ok(backupAnswer(s.backup(account(req), req.params.id))) },
    {
      method: "DELETE",
      pattern: "/account/:account/backup/:id",
      handler: (req) => queued(undefined, s.backups.delete(account(req), req.params.id)),
    },
    {
      method: "POST",
      pattern: "/account/:account/backup/:id/restore",
      handler: (req) => {
        const id = account(req);
        strictBody(req.body ?? {}, FIELDS.restoreBackup);
        const token = s.backups.restore(id, req.params.id);
        return queued(backupAnswer(s.backup(id, req.params.id)), token);
      },
    },
    {
      method: "POST",
      pattern: "/account/:account/backup/:id/template",
      handler: (req) => {
        const body = strictBody(req.body, FIELDS.templateFromBackup);
        const { template, token } = s.backups.templateFromBackup(account(req), req.params.id, optionalString(body, "label"));
        return queued(template, token);
      },
    },
    {
      method: "PUT",
      pattern: "/account/:account/template/:id",
      handler: (req) => {
        const body = strictBody(req.body, FIELDS.editTemplate);
        return ok(s.backups.editTemplate(account(req), req.params.id, { label: optionalString(body, "label"), clone_id: optionalString(body, "clone_id") }));
      },
    },
    {
      method: "DELETE",
      pattern: "/account/:account/template/:id",
      handler: (req) => queued(undefined, s.backups.deleteTemplate(account(req), req.params.id)),
    },
    {
      method: "POST",
      pattern: "/account/:account/template/:id/clone",
      handler: (req) => {
        const body = strictBody(req.body, FIELDS.cloneTemplate);
        const { template, token } = s.backups.clone(account(req), req.params.id, optionalString(body, "user_id"), optionalString(body, "location_id"));
        return queued(template, token);
      },
    },
  ];
}

/** The size of the disk a backup came from (the list's `min_disk_size` filter; its meaning is a guess); 0 once the disk is gone. */
function diskSize(data: GigasData, backup: BackupRecord): number {
  return data.disks.find((d) => d.id === backup.disk_id)?.disk_size ?? 0;
}

function backupAnswer({ account_id, ...backup }: BackupRecord): Record<string, unknown> {
  return backup;
}

// Disks (docs/vendor-documents.md, "Gigas: disks"): list, create, read, edit
// (resize, attach, detach) and delete.
import { invalidField, type Route } from "../core";
import { FIELDS } from "./fields";
import { type GigasRouteContext, filterBy, ok, optionalBoolean, optionalInteger, optionalString, queued, strictBody } from "./requests";

export function diskRoutes({ state: s, page, account }: GigasRouteContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/account/:account/disks",
      handler: (req) => {
        const id = account(req);
        return page(req, filterBy(s.data.disks.filter((d) => d.account_id === id), req.query, ["virtual_machine_id", "data_store_id"]));
      },
    },
    {
      method: "POST",
      pattern: "/account/:account/disk",
      handler: (req) => {
        const body = strictBody(req.body, FIELDS.createDisk);
        const size = optionalInteger(body, "disk_size", 1, 16_384);
        if (size === undefined) throw invalidField("disk_size", "is required");
        const { disk, token } = s.disks.create(account(req), {
          disk_size: size,
          virtual_machine_id: optionalString(body, "virtual_machine_id"),
          autobackup: optionalInteger(body, "autobackup", 0, 1),
          mount_point: optionalString(body, "mount_point"),
          add_to_linux_fstab: optionalBoolean(body, "add_to_linux_fstab"),
        });
        return queued(disk, token);
      },
    },
    { method: "GET", pattern: "/account/:account/disk/:id", handler: (req) => ok(s.disk(account(req), req.params.id)) },
    {
      method: "PUT",
      pattern: "/account/:account/disk/:id",
      handler: (req) => {
        const id = account(req);
        const body = strictBody(req.body, FIELDS.editDisk);
        const vmField = body.virtual_machine_id;
        const token = s.disks.edit(id, req.params.id, {
          disk_size: optionalInteger(body, "disk_size", 1, 16_384),
          virtual_machine_id: vmField === null ? null : optionalString(body, "virtual_machine_id"),
          autobackup: optionalInteger(body, "autobackup", 0, 1),
          mount_point: optionalString(body, "mount_point"),
          add_to_linux_fstab: optionalBoolean(body, "add_to_linux_fstab"),
          force_reboot: optionalBoolean(body, "force_reboot"),
        });
        const disk = s.disk(id, req.params.id);
        return queued(disk, token);
      },
    },
    {
      // The disk page's "Build (format)": no body is documented.
      method: "POST",
      pattern: "/account/:account/disk/:id/build",
      handler: (req) => {
        const id = account(req);
        strictBody(req.body ?? {}, FIELDS.buildDisk);
        const token = s.disks.build(id, req.params.id);
        return queued(s.disk(id, req.params.id), token);
      },
    },
    {
      method: "DELETE",
      pattern: "/account/:account/disk/:id",
      handler: (req) => queued(undefined, s.disks.delete(account(req), req.params.id)),
    },
  ];
}

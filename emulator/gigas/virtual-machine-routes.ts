// Virtual machines (docs/vendor-documents.md, "Gigas: virtual machines",
// "Gigas: quickstart"): list, create, read, edit, rebuild and delete. Writes
// answer 202 with the transaction's `queue_token`.
import { type Route, invalidField, objectBody } from "../core";
import { CPU_TYPES, FIELDS, FIREWALL_POLICIES } from "./fields";
import { type GigasRouteContext, ok, oneOf, optionalInteger, optionalString, queued, strictBody } from "./requests";
import { HOSTNAME_PATTERN, type NewVirtualMachine } from "./virtual-machines";

export function virtualMachineRoutes({ state: s, page, account }: GigasRouteContext): Route[] {
  return [
    {
      method: "GET",
      pattern: "/account/:account/virtual_machines",
      handler: (req) => {
        const id = account(req);
        return page(req, s.data.vms.filter((v) => v.account_id === id));
      },
    },
    {
      method: "POST",
      pattern: "/account/:account/virtual_machine",
      handler: (req) => {
        const { vm, token } = s.virtualMachines.create(account(req), virtualMachineInput(strictBody(req.body, FIELDS.createVirtualMachine)));
        return queued(vm, token);
      },
    },
    { method: "GET", pattern: "/account/:account/virtual_machine/:id", handler: (req) => ok(s.vm(account(req), req.params.id)) },
    {
      method: "PUT",
      pattern: "/account/:account/virtual_machine/:id",
      handler: (req) => {
        const id = account(req);
        const body = strictBody(req.body, FIELDS.editVirtualMachine);
        const token = s.virtualMachines.edit(id, req.params.id, {
          label: optionalString(body, "label"),
          note: optionalString(body, "note"),
          memory: optionalInteger(body, "memory", 256, 1_048_576),
          cpus: optionalInteger(body, "cpus", 1, 64),
        });
        const vm = s.vm(id, req.params.id);
        return queued(vm, token);
      },
    },
    {
      method: "DELETE",
      pattern: "/account/:account/virtual_machine/:id",
      handler: (req) => queued(undefined, s.virtualMachines.delete(account(req), req.params.id)),
    },
    {
      method: "POST",
      pattern: "/account/:account/virtual_machine/:id/build",
      handler: (req) => {
        const body = strictBody(req.body ?? {}, FIELDS.buildVirtualMachine);
        const token = s.virtualMachines.build(account(req), req.params.id, {
          template_id: optionalString(body, "template_id"),
          initial_root_password: optionalString(body, "initial_root_password"),
        });
        return queued(undefined, token);
      },
    },
  ];
}

function virtualMachineInput(body: unknown): NewVirtualMachine {
  const fields = objectBody(body);
  const required = (key: string): string => {
    const value = optionalString(fields, key);
    if (value === undefined || value === "") throw invalidField(key, "is required");
    return value;
  };
  const hostname = required("hostname");
  if (!HOSTNAME_PATTERN.test(hostname)) {
    throw invalidField("hostname", "must be up to 25 letters, digits or hyphens and must not start with a number");
  }
  const policy = oneOf(optionalString(fields, "default_firewall_policy") ?? "ACCEPT", FIREWALL_POLICIES, "default_firewall_policy");
  const cpuType = oneOf(optionalString(fields, "cpu_type") ?? "intel", CPU_TYPES, "cpu_type");
  const integer = (key: string, min: number, max: number): number => {
    const value = optionalInteger(fields, key, min, max);
    if (value === undefined) throw invalidField(key, "is required");
    return value;
  };
  return {
    label: required("label"),
    note: optionalString(fields, "note") ?? "",
    memory: integer("memory", 256, 1_048_576),
    cpus: integer("cpus", 1, 64),
    cpu_type: cpuType,
    template_id: required("template_id"),
    hostname,
    location_id: required("location_id"),
    primary_disk_size: integer("primary_disk_size", 1, 16_384),
    swap_disk_size: optionalInteger(fields, "swap_disk_size", 0, 64) ?? 0,
    default_firewall_policy: policy,
    initial_root_password: optionalString(fields, "initial_root_password"),
  };
}

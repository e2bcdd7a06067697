// Gigahost answers where the documents and the live API differ, or where the
// documents are silent: the shapes the client accepts.
import { dsRecordList, ptrZoneCreated, zoneCreated } from "../../provider/gigahost/wire";

const meta = { status: 201, status_message: "201 Created", message: "Zone created successfully." };

describe("POST /dns/zones answer", () => {
  test.each([
    ["documented: data.zone_id", { meta, data: { zone_id: "123" } }, "123"],
    ["documented, id as a number", { meta, data: { zone_id: 123 } }, "123"],
    ["live: data []", { meta, data: [] }, undefined],
    ["no data", { meta }, undefined],
  ])("%s", (_case, answer, zoneId) => {
    expect(zoneCreated.parse(answer)).toEqual({ zoneId });
  });
});

describe("POST /dns/zones/ptr answer (documented: data.zone_id)", () => {
  test("carries the zone id", () => {
    expect(ptrZoneCreated.parse({ meta, data: { zone_id: 42 } }).data.zone_id).toBe("42");
  });
  test("an answer without it is refused, naming the field", () => {
    const parsed = ptrZoneCreated.safeParse({ meta, data: [] });
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues.map((issue) => issue.path))).toContain("data");
  });
});

describe("GET …/ds-records answers (not shown by the documents): both plausible shapes", () => {
  const ok = { status: 200, status_message: "200 OK" };
  const digest = "ab".repeat(32);
  const expected = [{ keyTag: 1, algorithm: 13, digestType: 2, digest: digest.toUpperCase() }];
  test.each([
    ["a list, snake_case", [{ key_tag: 1, algorithm: 13, digest_type: 2, digest }]],
    ["a list, the POST's camelCase", [{ keyTag: "1", alg: 13, digestType: "2", digest }]],
    ["the POST's ds_records wrapper", { ds_records: [{ keyTag: 1, alg: 13, digestType: 2, digest }] }],
  ])("%s", (_case, data) => {
    expect(dsRecordList.parse({ meta: ok, data }).data).toEqual(expected);
  });
  test("no records", () => {
    expect(dsRecordList.parse({ meta: ok, data: null }).data).toEqual([]);
    expect(dsRecordList.parse({ meta: ok, data: { ds_records: null } }).data).toEqual([]);
  });
});

import { bridge } from "../../provider/dynamic";
import { dnsZoneRecordsDefinition } from "../../resources/zoneid/dnsZoneRecords";

/** Preview's detail: one entry per record set added, changed or removed; force and maxChangeShare cause none. */
test("diff: changes per record set, with the detailed diff naming each set", async () => {
  const provider = bridge(dnsZoneRecordsDefinition);
  const checked = async (args: Record<string, unknown>) => {
    const { inputs, failures } = await provider.check({}, { zone: "example.com", ...args });
    expect(failures).toEqual([]);
    return inputs;
  };
  const olds = await checked({ records: [{ name: "www", type: "A", values: ["192.0.2.1"] }, { name: "old", type: "TXT", values: ["x"] }] });
  const news = await checked({ records: [{ name: "www", type: "a", values: ["192.0.2.2"] }, { name: "new", type: "MX", values: ["10 mx.example.net."] }], force: true, maxChangeShare: 0.9 });
  expect(news.recordSets).toEqual({ "new MX": { ttl: 0, values: ["10 mx.example.net"] }, "www A": { ttl: 0, values: ["192.0.2.2"] } });
  const diff = await provider.diff("example.com", olds, news);
  expect(diff).toMatchObject({ changes: true, replaces: [] });
  expect((diff as { detailedDiff?: unknown }).detailedDiff).toEqual({
    'recordSets["new MX"]': { kind: "add", inputDiff: true },
    'recordSets["old TXT"]': { kind: "delete", inputDiff: true },
    'recordSets["www A"]': { kind: "update", inputDiff: true },
  });
  // The same sets written another way (a zone file, full names): no change.
  const same = await checked({ zoneFile: "$ORIGIN example.com.\nwww.example.com. IN A 192.0.2.1\nold IN TXT \"x\"\n", force: true });
  expect(await provider.diff("example.com", olds, same)).toMatchObject({ changes: false, detailedDiff: {} });
});

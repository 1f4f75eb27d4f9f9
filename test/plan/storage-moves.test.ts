import { load } from "../helpers";
import { ALPHA, sites } from "../spec-error-matchers";
import { formatStorageMoves, storageMoves } from "../../plan/storage-moves";

describe("storage moves of adopted VMs", () => {
  test("an adopted VM on its own datastore moves nowhere", () => {
    const [site] = load(sites()).sites;
    expect(storageMoves(site)).toEqual([]);
    expect(formatStorageMoves("tiny", [])).toBe("");
  });
  test("a workload datastore other than the one it runs on is a move, with the GB it copies", () => {
    const dir = sites([ALPHA, "  - name: legacy-app\n    size: small\n", "  - name: legacy-app\n    size: small\n    datastore: ds02\n"]);
    const [site] = load(dir).sites;
    const moves = storageMoves(site);
    expect(moves).toEqual([{ tenant: "alpha", vm: "legacy-app", from: "ds01", to: { kind: "datastore", name: "ds02" }, gb: 80 }]);
    expect(formatStorageMoves("tiny", moves)).toBe(
      "Storage moves the next apply makes for tiny (storage vMotion of running VMs, 80 GB in all):\n" +
        "  move    legacy-app (tenant alpha) 80 GB from datastore ds01 to datastore ds02\n" +
        "  To keep a VM where it is, leave its workload's datastore out (it stays on existing.datastore).\n",
    );
  });
});

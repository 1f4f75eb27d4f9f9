import { UsageError } from "../../../cli/exit-codes";
import { describeVlanUse, firstVlanClash, nextFreeVlans, planVlans, readVlansOption, type UsedVlans } from "../../../cli/clone/vlan-plan";

const used = (...ranges: [number, number][]): UsedVlans[] => ranges.map(([from, to], i) => ({ range: { from, to }, owner: `owner ${i}` }));

describe("readVlansOption: the --vlans option", () => {
  test.each([
    ["500-599", { from: 500, to: 599 }],
    ["2-4094", { from: 2, to: 4094 }],
    ["700-700", { from: 700, to: 700 }],
  ])("%s is read", (text, range) => {
    expect(readVlansOption(text)).toEqual(range);
  });

  test.each(["600..699", "600", "600-", "-600", "a-b", "600 - 699", "1-99", "4000-4095", "700-600", "600-699-799", ""])(
    "%j is refused as a usage error naming the expected form and what was found",
    (text) => {
      expect(() => readVlansOption(text)).toThrow(UsageError);
      expect(() => readVlansOption(text)).toThrow(`--vlans: expected a range <from>-<to> of VLAN ids 2-4094`);
      expect(() => readVlansOption(text)).toThrow(`found ${JSON.stringify(text)}`);
    },
  );
});

describe("firstVlanClash", () => {
  test("any shared id clashes, the ends included; adjacent ranges do not", () => {
    const site = used([10, 12], [400, 499]);
    expect(firstVlanClash({ from: 499, to: 510 }, site)?.owner).toBe("owner 1");
    expect(firstVlanClash({ from: 5, to: 10 }, site)?.owner).toBe("owner 0");
    expect(firstVlanClash({ from: 300, to: 1000 }, site)?.owner).toBe("owner 1");
    expect(firstVlanClash({ from: 500, to: 599 }, site)).toBeUndefined();
    expect(firstVlanClash({ from: 13, to: 399 }, site)).toBeUndefined();
  });

  test("describes a use as the error names it", () => {
    expect(describeVlanUse({ range: { from: 400, to: 499 }, owner: "tenant haugnes" })).toBe("VLANs 400-499 of tenant haugnes");
    expect(describeVlanUse({ range: { from: 911, to: 911 }, owner: "the firewall's internet uplink" })).toBe(
      "VLAN 911 of the firewall's internet uplink",
    );
  });
});

describe("nextFreeVlans: the default range", () => {
  test("the next range of the source's size, aligned as the source is", () => {
    expect(nextFreeVlans({ from: 400, to: 499 }, used([400, 499]))).toEqual({ from: 500, to: 599 });
    expect(nextFreeVlans({ from: 200, to: 219 }, used([200, 219]))).toEqual({ from: 220, to: 239 });
  });

  test("skips ranges another tenant, a site network or a single VLAN uses", () => {
    const site = used([400, 499], [500, 599], [650, 650]);
    expect(nextFreeVlans({ from: 400, to: 499 }, site)).toEqual({ from: 700, to: 799 });
  });

  test("wraps around to the low ids, aligned as the source is, and skips what is used there", () => {
    // 4000-4099 would pass 4094: the last candidate is 3900-3999; after it the search starts again at 100.
    expect(nextFreeVlans({ from: 3900, to: 3999 }, used([3900, 3999]))).toEqual({ from: 100, to: 199 });
    expect(nextFreeVlans({ from: 3900, to: 3999 }, used([3900, 3999], [150, 150], [200, 299]))).toEqual({ from: 300, to: 399 });
  });

  test("never VLAN 1 or above 4094", () => {
    const r = nextFreeVlans({ from: 2, to: 11 }, used([2, 11]));
    expect(r).toEqual({ from: 12, to: 21 });
    const top = nextFreeVlans({ from: 4085, to: 4094 }, used([4085, 4094]));
    expect(top.from).toBeGreaterThanOrEqual(2);
    expect(top.to).toBeLessThanOrEqual(4094);
  });

  test("no room left is a usage error asking for --vlans", () => {
    expect(() => nextFreeVlans({ from: 400, to: 499 }, used([2, 4094]))).toThrow(UsageError);
    expect(() => nextFreeVlans({ from: 400, to: 499 }, used([2, 4094]))).toThrow(/no free range of 100 VLAN ids .*--vlans/);
  });
});

describe("planVlans: the networks' VLANs in the new range", () => {
  test("a range as large keeps each VLAN's offset", () => {
    expect(planVlans({ from: 400, to: 499 }, [410, 420, 430], { from: 500, to: 599 })).toEqual(
      new Map([
        [410, 510],
        [420, 520],
        [430, 530],
      ]),
    );
  });

  test("a smaller range keeps the offsets when they all fit in it", () => {
    expect(planVlans({ from: 200, to: 219 }, [201, 202], { from: 400, to: 409 })).toEqual(
      new Map([
        [201, 401],
        [202, 402],
      ]),
    );
  });

  test("else the VLANs are numbered from the range's start, in the networks' order", () => {
    expect(planVlans({ from: 400, to: 499 }, [410, 420, 430], { from: 600, to: 619 })).toEqual(
      new Map([
        [410, 600],
        [420, 601],
        [430, 602],
      ]),
    );
  });

  test("a range with exactly one id per network is enough", () => {
    expect([...planVlans({ from: 400, to: 499 }, [410, 420, 430], { from: 700, to: 702 }).values()]).toEqual([700, 701, 702]);
  });

  test("fewer ids than networks is too small", () => {
    expect(() => planVlans({ from: 400, to: 499 }, [410, 420, 430], { from: 600, to: 601 })).toThrow(UsageError);
    expect(() => planVlans({ from: 400, to: 499 }, [410, 420, 430], { from: 600, to: 601 })).toThrow(
      "--vlans 600-601 is too small: the source has 3 networks, each on its own VLAN; the range holds 2",
    );
  });
});

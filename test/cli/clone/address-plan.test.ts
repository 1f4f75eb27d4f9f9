import { firstOverlap, nextFreeRange, planAddresses, readCidrOption, type UsedRange } from "../../../cli/clone/address-plan";
import { UsageError } from "../../../cli/exit-codes";
import { parseRange, type Ipv4Range } from "../../../spec/ipv4";

const range = (cidr: string) => parseRange(cidr) as Ipv4Range;
const used = (...cidrs: string[]): UsedRange[] => cidrs.map((c, i) => ({ range: range(c), owner: `owner ${i}` }));
/** Haugnes's plan: a /16 with three networks spread over it (fjordvik/tenants/haugnes.yaml). */
const HAUGNES = range("10.40.0.0/16");
const HAUGNES_NETWORKS = ["10.40.10.0/24", "10.40.20.0/24", "10.40.30.0/25"].map(range);

describe("readCidrOption: the --cidr option", () => {
  test("a network address in CIDR form is read, /22 as well as whole octets", () => {
    expect(readCidrOption("10.70.4.0/22")).toMatchObject({ cidr: "10.70.4.0/22", prefix: 22 });
    expect(readCidrOption("10.41.0.0/16")).toMatchObject({ cidr: "10.41.0.0/16", prefix: 16 });
  });

  test.each([
    ["10.70.0.1/22", /--cidr: .*no host bits.*"10\.70\.0\.1\/22".*10\.70\.0\.0\/22/],
    ["10.70.2.0/22", /--cidr: .*no host bits.*10\.70\.0\.0\/22/],
    ["10.70.0.0", /--cidr: /],
    ["10.70.0.0/33", /--cidr: /],
    ["10.300.0.0/16", /--cidr: /],
    ["ten/16", /--cidr: /],
  ])("%s is refused as a usage error naming what was found", (text, message) => {
    expect(() => readCidrOption(text)).toThrow(UsageError);
    expect(() => readCidrOption(text)).toThrow(message);
  });
});

describe("firstOverlap", () => {
  test("names the first use a range overlaps, inside or around it; none when disjoint", () => {
    const site = used("10.10.0.0/24", "10.40.0.0/16");
    expect(firstOverlap(range("10.40.128.0/22"), site)?.owner).toBe("owner 1");
    expect(firstOverlap(range("10.0.0.0/8"), site)?.owner).toBe("owner 0");
    expect(firstOverlap(range("10.41.0.0/16"), site)).toBeUndefined();
    // Adjacent is not overlapping: 10.10.1.0/24 starts just after 10.10.0.0/24 ends.
    expect(firstOverlap(range("10.10.1.0/24"), site)).toBeUndefined();
  });
});

describe("planAddresses: a target as large as the source keeps every offset", () => {
  const plan = planAddresses(HAUGNES, HAUGNES_NETWORKS, range("10.41.0.0/16"));

  test("networks, addresses and the range itself keep their place", () => {
    expect(plan.moveRange("10.40.0.0/16")).toBe("10.41.0.0/16");
    expect(plan.moveRange("10.40.10.0/24")).toBe("10.41.10.0/24");
    expect(plan.moveRange("10.40.30.0/25")).toBe("10.41.30.0/25");
    expect(plan.move("10.40.10.10")).toBe("10.41.10.10");
    expect(plan.move("10.40.30.20")).toBe("10.41.30.20");
    // A part of a network (an address object of a few hosts) moves with it.
    expect(plan.moveRange("10.40.10.16/28")).toBe("10.41.10.16/28");
  });

  test("addresses outside the source range (shared services, the internet) stay", () => {
    expect(plan.move("10.10.20.53")).toBeUndefined();
    expect(plan.move("8.8.8.8")).toBeUndefined();
    expect(plan.moveRange("10.10.20.0/24")).toBeUndefined();
  });

  test("a larger target keeps the offsets too", () => {
    const wide = planAddresses(HAUGNES, HAUGNES_NETWORKS, range("10.42.0.0/15"));
    expect(wide.moveRange("10.40.20.0/24")).toBe("10.42.20.0/24");
    expect(wide.move("10.40.20.7")).toBe("10.42.20.7");
  });
});

describe("planAddresses: a smaller target packs the networks, largest first", () => {
  const plan = planAddresses(HAUGNES, HAUGNES_NETWORKS, range("10.70.4.0/22"));

  test("a /16 spread over 10.40.10-30 packs into a /22, each network aligned, in the order of size", () => {
    expect(plan.moveRange("10.40.10.0/24")).toBe("10.70.4.0/24");
    expect(plan.moveRange("10.40.20.0/24")).toBe("10.70.5.0/24");
    expect(plan.moveRange("10.40.30.0/25")).toBe("10.70.6.0/25");
    expect(plan.moveRange("10.40.0.0/16")).toBe("10.70.4.0/22");
  });

  test("addresses keep their offset in their network", () => {
    expect(plan.move("10.40.10.1")).toBe("10.70.4.1");
    expect(plan.move("10.40.20.22")).toBe("10.70.5.22");
    expect(plan.move("10.40.30.126")).toBe("10.70.6.126");
  });

  test("an address of the source range in none of its networks has no place in a packed range: a usage error naming it", () => {
    // 10.40.0.53 would land on 10.70.4.53, inside the packed servere network (10.70.4.0/24).
    expect(() => plan.move("10.40.0.53")).toThrow(UsageError);
    expect(() => plan.move("10.40.0.53")).toThrow(/10\.40\.0\.53/);
    expect(() => plan.move("10.40.99.10")).toThrow(/10\.40\.99\.10 .*--cidr as large as 10\.40\.0\.0\/16/);
  });

  test("a smaller network is placed after a larger one listed after it, never across it", () => {
    const source = range("10.50.0.0/16");
    const nets = ["10.50.1.0/26", "10.50.2.0/24", "10.50.3.0/25"].map(range);
    const packed = planAddresses(source, nets, range("10.80.0.0/23"));
    expect(packed.moveRange("10.50.2.0/24")).toBe("10.80.0.0/24");
    expect(packed.moveRange("10.50.3.0/25")).toBe("10.80.1.0/25");
    expect(packed.moveRange("10.50.1.0/26")).toBe("10.80.1.128/26");
  });

  test("an exactly full target is enough", () => {
    const nets = ["10.50.0.0/24", "10.50.9.0/24"].map(range);
    const packed = planAddresses(range("10.50.0.0/16"), nets, range("10.80.0.0/23"));
    expect(packed.moveRange("10.50.9.0/24")).toBe("10.80.1.0/24");
  });

  test("too small: a usage error that says what the networks need and what the range holds", () => {
    expect(() => planAddresses(HAUGNES, HAUGNES_NETWORKS, range("10.70.0.0/23"))).toThrow(UsageError);
    expect(() => planAddresses(HAUGNES, HAUGNES_NETWORKS, range("10.70.0.0/23"))).toThrow(
      /--cidr 10\.70\.0\.0\/23 is too small: the source's networks \(\/24, \/24, \/25\) need 640 addresses, 10\.70\.0\.0\/23 holds 512/,
    );
  });

  test("one network more than fits is too small: two /23s fill a /22, a /26 beside them does not fit", () => {
    const nets = ["10.50.0.0/23", "10.50.2.0/23", "10.50.4.0/26"].map(range);
    expect(() => planAddresses(range("10.50.0.0/16"), nets, range("10.80.0.0/22"))).toThrow(/is too small/);
  });
});

describe("nextFreeRange: the default range", () => {
  test("the next range of the source's size after it", () => {
    expect(nextFreeRange(HAUGNES, used("10.40.0.0/16")).cidr).toBe("10.41.0.0/16");
  });

  test("skips every range that overlaps something the site uses, a small network inside one as well", () => {
    const site = used("10.40.0.0/16", "10.41.0.0/16", "10.42.7.0/24", "10.43.0.0/17");
    expect(nextFreeRange(HAUGNES, site).cidr).toBe("10.44.0.0/16");
  });

  test("keeps the source's size: a /20 moves by a /20", () => {
    expect(nextFreeRange(range("10.62.0.0/20"), used("10.62.0.0/20")).cidr).toBe("10.62.16.0/20");
  });

  test("wraps around to the start of the private block the source lies in", () => {
    const top = range("10.255.0.0/16");
    expect(nextFreeRange(top, used("10.255.0.0/16")).cidr).toBe("10.0.0.0/16");
    expect(nextFreeRange(top, used("10.255.0.0/16", "10.0.0.0/15")).cidr).toBe("10.2.0.0/16");
    const inner = range("192.168.255.0/24");
    expect(nextFreeRange(inner, used("192.168.255.0/24", "192.168.0.0/24")).cidr).toBe("192.168.1.0/24");
  });

  test("a full block is a usage error asking for --cidr", () => {
    expect(() => nextFreeRange(range("192.168.10.0/24"), used("192.168.0.0/16"))).toThrow(UsageError);
    expect(() => nextFreeRange(range("192.168.10.0/24"), used("192.168.0.0/16"))).toThrow(
      /no free \/24 is left in 192\.168\.0\.0\/16 .*--cidr/,
    );
  });
});

import { defaultDisplayName, defaultVmPrefix, Renaming, vmPrefixOf } from "../../../cli/clone/tenant-names";

const haugnesToNyby = new Renaming(
  { id: "haugnes", displayName: "Haugnes kommune", vmPrefix: "hgn" },
  { id: "nyby", displayName: "Nyby kommune", vmPrefix: "nyb" },
);
const forsyning = new Renaming(
  { id: "kvistrup-forsyning", displayName: "Kvistrup Forsyning A/S", vmPrefix: "kf" },
  { id: "vestby-forsyning", displayName: "Vestby Forsyning A/S", vmPrefix: "vf" },
);

describe("Renaming: the source's names become the new tenant's", () => {
  test.each([
    ["haugnes", "nyby"],
    ["Haugnes kommune", "Nyby kommune"],
    ["Haugnes's RDS farm", "Nyby's RDS farm"],
    ["HAUGNES\\vmware-operatorer", "NYBY\\vmware-operatorer"],
    ["ad.haugnes.kommune.no", "ad.nyby.kommune.no"],
    ["OU=Servere,DC=ad,DC=haugnes,DC=kommune,DC=no", "OU=Servere,DC=ad,DC=nyby,DC=kommune,DC=no"],
    ["/fjordvik-dc/vm/Haugnes/hgn-dc01", "/fjordvik-dc/vm/Nyby/nyb-dc01"],
    ["hgn-rds{n:02}", "nyb-rds{n:02}"],
    ["HGN-RDSH01", "NYB-RDSH01"],
    ["vm:hgn-sql01", "vm:nyb-sql01"],
    ["hgn-dc01 and hgn-dc02", "nyb-dc01 and nyb-dc02"],
  ])("%j -> %j, in the case it was written in", (text, renamed) => {
    expect(haugnesToNyby.apply(text)).toBe(renamed);
  });

  test.each([
    "haugnesvegen 4",
    "Nordhaugnes skole",
    "Haugnesøya",
    "haugnes2",
    "hgnx-01",
    "thgn-01",
    "Fjordvik kommune",
    "tenant:fjordvik/vm:fjv-p360web01",
  ])("%j is left alone: only whole words are the source's names", (text) => {
    expect(haugnesToNyby.apply(text)).toBe(text);
  });

  test("a hyphenated id is renamed as names, domains and prose write it; the host's name in it is not the source's", () => {
    expect(forsyning.apply("kvistrup-forsyning")).toBe("vestby-forsyning");
    expect(forsyning.apply("ad.kvistrupforsyning.dk")).toBe("ad.vestbyforsyning.dk");
    expect(forsyning.apply("Kvistrup Forsyning runs its own AD")).toBe("Vestby Forsyning runs its own AD");
    expect(forsyning.apply("Kvistrup Forsyning A/S")).toBe("Vestby Forsyning A/S");
    expect(forsyning.apply("KVISTRUPFORSYNING\\vmware-drift")).toBe("VESTBYFORSYNING\\vmware-drift");
    expect(forsyning.apply("kf-dc01")).toBe("vf-dc01");
    expect(forsyning.apply("Kvistrup Kommune processes its data")).toBe("Kvistrup Kommune processes its data");
    expect(forsyning.apply("tenant:kvistrup/zone:servere")).toBe("tenant:kvistrup/zone:servere");
  });

  test("a name is renamed once: a new id that contains the source's is not renamed again", () => {
    const nord = new Renaming(
      { id: "haugnes", displayName: "Haugnes kommune", vmPrefix: "hgn" },
      { id: "haugnes-nord", displayName: "Haugnes Nord kommune", vmPrefix: "hgnn" },
    );
    expect(nord.apply("haugnes")).toBe("haugnes-nord");
    expect(nord.apply("Haugnes kommune")).toBe("Haugnes Nord kommune");
    expect(nord.apply("ad.haugnes.kommune.no")).toMatch(/^ad\.haugnes-?nord\.kommune\.no$/);
    expect(nord.apply("hgn-dc01")).toBe("hgnn-dc01");
  });

  test("Nordic letters are part of a word", () => {
    const alvstad = new Renaming(
      { id: "tallmo", displayName: "Tallmo kommun", vmPrefix: "tlm" },
      { id: "alvstad", displayName: "Älvstads kommun", vmPrefix: "alv" },
    );
    expect(alvstad.apply("Tallmo kommun")).toBe("Älvstads kommun");
    expect(alvstad.apply("Tallmos skolor")).toBe("Tallmos skolor");
    expect(alvstad.apply("Östtallmo")).toBe("Östtallmo");
    expect(alvstad.apply("tallmo.se")).toBe("alvstad.se");
  });

  test("capitalised, the id in prose is the new display name's proper name", () => {
    const angby = new Renaming(
      { id: "tallmo", displayName: "Tallmo kommun", vmPrefix: "tlm" },
      { id: "angby", displayName: "Ängby kommun", vmPrefix: "ang" },
    );
    expect(angby.apply("Tallmo's RDS farm")).toBe("Ängby's RDS farm");
    expect(angby.apply("Tallmo is controller for its own data")).toBe("Ängby is controller for its own data");
    expect(angby.apply("e-tjanster.tallmo.se")).toBe("e-tjanster.angby.se");
    expect(forsyning.apply("Kvistrup Forsyning's OT network")).toBe("Vestby Forsyning's OT network");
  });

  test("a Swedish genitive display name (Älvstads kommun) gives the name without its genitive s in prose", () => {
    const alvstad = new Renaming(
      { id: "tallmo", displayName: "Tallmo kommun", vmPrefix: "tlm" },
      { id: "alvstad", displayName: "Älvstads kommun", vmPrefix: "alv" },
    );
    expect(alvstad.apply("Tallmo's RDS farm")).toBe("Älvstad's RDS farm");
    expect(alvstad.apply("Tallmo is controller")).toBe("Älvstad is controller");
    expect(alvstad.apply("Tallmo kommun")).toBe("Älvstads kommun");
  });

  test("without a VM prefix on either side, VM names are left as they are", () => {
    const noPrefix = new Renaming({ id: "haugnes", displayName: "Haugnes kommune" }, { id: "nyby", displayName: "Nyby kommune" });
    expect(noPrefix.apply("hgn-dc01")).toBe("hgn-dc01");
    expect(noPrefix.apply("haugnes-dc01")).toBe("nyby-dc01");
  });
});

describe("vmPrefixOf: the word most VM names start with", () => {
  test("the word before the first hyphen that at least half the names share, without case", () => {
    expect(vmPrefixOf(["hgn-dc01", "hgn-dc02", "hgn-rds{n:02}", "rds-health"])).toBe("hgn");
    expect(vmPrefixOf(["KV-DC01", "kv-web01", "kv-fil01", "ctx-ddc01", "ctx-sf01", "print"])).toBe("kv");
    // A tie goes to the first in alphabetical order, whatever the order of the names.
    expect(vmPrefixOf(["kv-dc01", "kv-web01", "ctx-ddc01", "ctx-sf01"])).toBe("ctx");
  });

  test("none when no word is that common, or the names have no hyphen", () => {
    expect(vmPrefixOf(["hgn-dc01", "ctx-ddc01", "sbsys-app01"])).toBeUndefined();
    expect(vmPrefixOf(["print", "app", "web"])).toBeUndefined();
    expect(vmPrefixOf([])).toBeUndefined();
  });
});

describe("defaultVmPrefix", () => {
  test.each([
    ["nyby", "nyb"],
    ["vestby-forsyning", "ves"],
    ["a1-b2", "a1b"],
    ["by", "by"],
  ])("%s -> %s on a site where no tenant uses it", (id, prefix) => {
    expect(defaultVmPrefix(id)).toBe(prefix);
  });

  test("a prefix another tenant of the site uses is not taken: the id's initials, then a digit", () => {
    expect(defaultVmPrefix("vestby-forsyning", new Set(["ves", "kv", "kf"]))).toBe("vf");
    expect(defaultVmPrefix("vestby-forsyning", new Set(["ves", "vf"]))).toBe("ves2");
    expect(defaultVmPrefix("nyby", new Set(["nyb"]))).toBe("nyb2");
    expect(defaultVmPrefix("nyby", new Set(["nyb", "nyb2", "nyb3"]))).toBe("nyb4");
  });
});

describe("defaultDisplayName", () => {
  test("the source's display name with its id's words replaced, capitalised", () => {
    expect(defaultDisplayName({ id: "haugnes", displayName: "Haugnes kommune" }, "nyby", "NO")).toBe("Nyby kommune");
    expect(defaultDisplayName({ id: "kvistrup", displayName: "Kvistrup Kommune" }, "vestby", "DK")).toBe("Vestby Kommune");
    expect(defaultDisplayName({ id: "kvistrup-forsyning", displayName: "Kvistrup Forsyning A/S" }, "vestby-forsyning", "DK")).toBe(
      "Vestby Forsyning A/S",
    );
    expect(defaultDisplayName({ id: "haugnes", displayName: "Haugnes kommune" }, "nord-by", "NO")).toBe("Nord By kommune");
  });

  test("a display name without the source's id: the new id and the country's word for municipality", () => {
    const joint = { id: "gdn", displayName: "Gemensamma digitaliseringsnämnden i Norrmarks län" };
    expect(defaultDisplayName(joint, "nyby", "SE")).toBe("Nyby kommun");
    expect(defaultDisplayName(joint, "nyby", "NO")).toBe("Nyby kommune");
    expect(defaultDisplayName(joint, "nyby", "DK")).toBe("Nyby Kommune");
    expect(defaultDisplayName(joint, "nyby", "FI")).toBe("Nyby municipality");
    // Only whole words of the id count: Haugnesvik is not Haugnes.
    expect(defaultDisplayName({ id: "haugnes", displayName: "Haugnesvik kommune" }, "nyby", "NO")).toBe("Nyby kommune");
  });
});

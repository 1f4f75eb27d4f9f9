import { edit } from "../helpers";
import { ALPHA, at, printed, reportsOnly, SITE, type Edit, type Mistake } from "../spec-error-matchers";
import { pinnedTiny, refusesInput } from "./refusal";

/** "expected <noun> <requirement> such as <example>, found "<text>"": the strict parser's words. */
const address = (requirement: string) => `^expected an IPv4 address ${requirement}such as 10\\.20\\.1\\.5, found `;
const network = (requirement: string) => `^expected an IPv4 network in CIDR form ${requirement}such as 10\\.20\\.1\\.0\\/24, found `;
const octal = "some tools read a leading 0 as octal";

/** Leading zeros, in every kind of address field of the site and tenant files. */
const LEADING_ZEROS: Mistake[] = [
  [
    "a tenant network CIDR with leading zeros (010.001.020.000/28 would be 8.1.16.0/28 to an octal reader)",
    [ALPHA, "cidr: 10.1.20.0/28", "cidr: 010.001.020.000/28"],
    [ALPHA, "cidr: 010.001.020.000/28", "010"],
    "/networks/1/cidr",
    new RegExp(`${network("without leading zeros ")}"010\\.001\\.020\\.000/28" \\(did you mean 10\\.1\\.20\\.0/28\\? ${octal}\\)$`),
  ],
  [
    "a workload ip with a leading zero",
    [ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.05"],
    [ALPHA, "ip: 10.1.20.05", "10"],
    "/workloads/1/ip",
    new RegExp(`${address("without leading zeros ")}"10\\.1\\.20\\.05" \\(did you mean 10\\.1\\.20\\.5\\? ${octal}\\)$`),
  ],
  [
    "a tenant range with a leading zero",
    [ALPHA, "cidr: 10.1.0.0/16", "cidr: 10.01.0.0/16"],
    [ALPHA, "cidr: 10.01.0.0/16", "10"],
    "/cidr",
    new RegExp(`${network("without leading zeros ")}"10\\.01\\.0\\.0/16" \\(did you mean 10\\.1\\.0\\.0/16\\?`),
  ],
  [
    "a tenant network gateway with a leading zero",
    [ALPHA, "gateway: 10.1.20.1", "gateway: 10.1.20.01"],
    [ALPHA, "gateway: 10.1.20.01", "10"],
    "/networks/1/gateway",
    new RegExp(`${address("without leading zeros ")}"10\\.1\\.20\\.01"`),
  ],
  [
    "a host's management address with a leading zero",
    [SITE, "address: 10.0.10.11", "address: 10.0.10.011"],
    [SITE, "address: 10.0.10.011", "10"],
    "/clusters/0/hosts/0/address",
    new RegExp(`${address("without leading zeros ")}"10\\.0\\.10\\.011" \\(did you mean 10\\.0\\.10\\.11\\?`),
  ],
  [
    "a host's vMotion address with a leading zero",
    [SITE, "vmotionAddress: 10.0.11.11", "vmotionAddress: 10.0.11.011"],
    [SITE, "vmotionAddress: 10.0.11.011", "10"],
    "/clusters/0/hosts/0/vmotionAddress",
    new RegExp(`${address("without leading zeros ")}"10\\.0\\.11\\.011"`),
  ],
  [
    "a site network CIDR with a leading zero",
    [SITE, "cidr: 10.0.20.0/24", "cidr: 10.0.020.0/24"],
    [SITE, "cidr: 10.0.020.0/24", "10"],
    "/networks/2/cidr",
    new RegExp(`${network("without leading zeros ")}"10\\.0\\.020\\.0/24"`),
  ],
  [
    "a site network gateway with a leading zero",
    [SITE, "gateway: 10.0.10.1", "gateway: 10.0.10.01"],
    [SITE, "gateway: 10.0.10.01", "10"],
    "/networks/0/gateway",
    new RegExp(`${address("without leading zeros ")}"10\\.0\\.10\\.01"`),
  ],
  [
    "a DNS server with a leading zero",
    [SITE, "servers: [10.0.20.10, 10.0.20.11]", "servers: [10.0.20.010, 10.0.20.11]"],
    [SITE, "servers: [", "10.0.20.010"],
    "/dns/servers/0",
    new RegExp(`${address("without leading zeros ")}"10\\.0\\.20\\.010"`),
  ],
  [
    "a firewall unit's management address with a leading zero",
    [SITE, "managementAddress: 10.0.10.2", "managementAddress: 10.0.10.02"],
    [SITE, "managementAddress: 10.0.10.02", "10.0.10.02"],
    "/firewall/units/0/managementAddress",
    new RegExp(`${address("without leading zeros ")}"10\\.0\\.10\\.02"`),
  ],
  [
    "the firewall's internet address with a leading zero",
    [SITE, "address: 203.0.113.10/29", "address: 203.0.113.010/29"],
    [SITE, "internet: {", "203.0.113.010/29"],
    "/firewall/internet/address",
    /^expected an IPv4 address with its prefix without leading zeros such as 203\.0\.113\.10\/29, found "203\.0\.113\.010\/29" \(did you mean 203\.0\.113\.10\/29\?/,
  ],
  [
    "the internet gateway with a leading zero",
    [SITE, "gateway: 203.0.113.9", "gateway: 203.0.113.09"],
    [SITE, "internet: {", "203.0.113.09"],
    "/firewall/internet/gateway",
    new RegExp(`${address("without leading zeros ")}"203\\.0\\.113\\.09"`),
  ],
  [
    "a shared service's address with a leading zero",
    [SITE, "addresses: [10.0.20.10, 10.0.20.11]", "addresses: [10.0.20.10, 10.0.20.011]"],
    [SITE, "{ name: dns, network: shared", "10.0.20.011"],
    "/firewall/sharedServices/0/addresses/1",
    new RegExp(`${address("without leading zeros ")}"10\\.0\\.20\\.011"`),
  ],
  [
    "a published address with a leading zero",
    [ALPHA, "to: vm:journal, services: [journal-app] }", "to: vm:journal, services: [journal-app], publishAs: 203.0.113.011 }"],
    [ALPHA, "publishAs:", "203.0.113.011"],
    "/firewall/flows/1/publishAs",
    new RegExp(`${address("without leading zeros ")}"203\\.0\\.113\\.011"`),
  ],
  [
    "a prefix length with a leading zero",
    [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.1.20.0/028"],
    [ALPHA, "cidr: 10.1.20.0/028", "10"],
    "/networks/1/cidr",
    new RegExp(`${network("with a prefix length 0-32 without leading zeros ")}"10\\.1\\.20\\.0/028"$`),
  ],
];

/** Text that is no IPv4 address of the form the field wants. */
const MALFORMED: Mistake[] = [
  [
    "a prefix length above 32",
    [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.1.20.0/33"],
    [ALPHA, "cidr: 10.1.20.0/33", "10"],
    "/networks/1/cidr",
    new RegExp(`${network("with a prefix length 0-32 without leading zeros ")}"10\\.1\\.20\\.0/33"$`),
  ],
  [
    "a network CIDR without its prefix",
    [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.1.20.0"],
    [ALPHA, "cidr: 10.1.20.0", "10"],
    "/networks/1/cidr",
    new RegExp(`${network("with a prefix length ")}"10\\.1\\.20\\.0"$`),
  ],
  [
    "a workload ip with a number above 255",
    [ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.256"],
    [ALPHA, "ip: 10.1.20.256", "10"],
    "/workloads/1/ip",
    new RegExp(`${address("with each number 0-255 ")}"10\\.1\\.20\\.256"$`),
  ],
  [
    "a network CIDR with a number above 255",
    [ALPHA, "cidr: 10.1.20.0/28", "cidr: 10.1.300.0/28"],
    [ALPHA, "cidr: 10.1.300.0/28", "10"],
    "/networks/1/cidr",
    new RegExp(`${network("with each number 0-255 ")}"10\\.1\\.300\\.0/28"$`),
  ],
  [
    "an IPv6 workload address",
    [ALPHA, "ip: 10.1.20.5", "ip: fd00::5"],
    [ALPHA, "ip: fd00::5", "fd00"],
    "/workloads/1/ip",
    new RegExp(`${address("")}"fd00::5" \\(IPv6 is not supported here\\)$`),
  ],
  [
    "an IPv6 tenant range",
    [ALPHA, "cidr: 10.1.0.0/16", "cidr: fd00:1::/48"],
    [ALPHA, "cidr: fd00:1::/48", "fd00"],
    "/cidr",
    new RegExp(`${network("")}"fd00:1::/48" \\(IPv6 is not supported here\\)$`),
  ],
  [
    "a workload ip with a space before it",
    [ALPHA, "ip: 10.1.20.5", 'ip: " 10.1.20.5"'],
    [ALPHA, 'ip: " 10.1.20.5"', '"'],
    "/workloads/1/ip",
    new RegExp(`${address("without spaces around it ")}" 10\\.1\\.20\\.5"$`),
  ],
  [
    "a gateway with a tab after it",
    [ALPHA, "gateway: 10.1.20.1", 'gateway: "10.1.20.1\\t"'],
    [ALPHA, 'gateway: "10.1.20.1', '"'],
    "/networks/1/gateway",
    new RegExp(`${address("without spaces around it ")}"10\\.1\\.20\\.1\\\\t"$`),
  ],
  [
    "a workload ip with a prefix",
    [ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.5/28"],
    [ALPHA, "ip: 10.1.20.5/28", "10"],
    "/workloads/1/ip",
    new RegExp(`${address("without a prefix ")}"10\\.1\\.20\\.5/28"$`),
  ],
  [
    "a workload ip of three numbers",
    [ALPHA, "ip: 10.1.20.5", "ip: 10.1.20"],
    [ALPHA, "ip: 10.1.20", "10"],
    "/workloads/1/ip",
    new RegExp(`${address("")}"10\\.1\\.20" \\(four numbers 0-255 separated by dots\\)$`),
  ],
  [
    "a workload ip of five numbers",
    [ALPHA, "ip: 10.1.20.5", "ip: 10.1.20.5.1"],
    [ALPHA, "ip: 10.1.20.5.1", "10"],
    "/workloads/1/ip",
    new RegExp(`${address("")}"10\\.1\\.20\\.5\\.1" \\(four numbers 0-255 separated by dots\\)$`),
  ],
  [
    "a workload ip written as a number",
    [ALPHA, "ip: 10.1.20.5", "ip: 10"],
    [ALPHA, "ip: 10", "10"],
    "/workloads/1/ip",
    /^expected a string, found 10 \(YAML read a number: quote the value\)$/,
  ],
  [
    "the internet address without its prefix",
    [SITE, "address: 203.0.113.10/29", "address: 203.0.113.10"],
    [SITE, "internet: {", "203.0.113.10"],
    "/firewall/internet/address",
    /^expected an IPv4 address with its prefix with a prefix length such as 203\.0\.113\.10\/29, found "203\.0\.113\.10"$/,
  ],
];

/** Gateways and other host addresses on their network's network or broadcast address. */
const NOT_A_HOST: Mistake[] = [
  [
    "a site network gateway on the network address",
    [SITE, "gateway: 10.0.20.1", "gateway: 10.0.20.0"],
    [SITE, "gateway: 10.0.20.0", "10"],
    "/networks/2/gateway",
    /^expected a host address of 10\.0\.20\.0\/24, found its network address 10\.0\.20\.0$/,
  ],
  [
    "a site network gateway on the broadcast address",
    [SITE, "gateway: 10.0.10.1", "gateway: 10.0.10.255"],
    [SITE, "gateway: 10.0.10.255", "10"],
    "/networks/0/gateway",
    /^expected a host address of 10\.0\.10\.0\/24, found its broadcast address 10\.0\.10\.255$/,
  ],
  [
    "a tenant network gateway on the broadcast address",
    [ALPHA, "gateway: 10.1.20.1", "gateway: 10.1.20.15"],
    [ALPHA, "gateway: 10.1.20.15", "10"],
    "/networks/1/gateway",
    /^expected a host address of 10\.1\.20\.0\/28, found its broadcast address 10\.1\.20\.15$/,
  ],
  [
    "a tenant network gateway on the network address",
    [ALPHA, "gateway: 10.1.10.1", "gateway: 10.1.10.0"],
    [ALPHA, "gateway: 10.1.10.0", "10"],
    "/networks/0/gateway",
    /^expected a host address of 10\.1\.10\.0\/24, found its network address 10\.1\.10\.0$/,
  ],
  [
    "a tenant network gateway outside its network",
    [ALPHA, "gateway: 10.1.20.1", "gateway: 10.1.21.1"],
    [ALPHA, "gateway: 10.1.21.1", "10"],
    "/networks/1/gateway",
    /^expected an address inside the health network 10\.1\.20\.0\/28, found 10\.1\.21\.1$/,
  ],
  [
    "the internet gateway on the range's broadcast address",
    [SITE, "gateway: 203.0.113.9", "gateway: 203.0.113.15"],
    [SITE, "internet: {", "203.0.113.15"],
    "/firewall/internet/gateway",
    /^expected a host address of 203\.0\.113\.8\/29, found its broadcast address 203\.0\.113\.15$/,
  ],
  [
    "the internet gateway on the range's network address",
    [SITE, "gateway: 203.0.113.9", "gateway: 203.0.113.8"],
    [SITE, "internet: {", "203.0.113.8"],
    "/firewall/internet/gateway",
    /^expected a host address of 203\.0\.113\.8\/29, found its network address 203\.0\.113\.8$/,
  ],
  [
    "the internet gateway outside the internet range",
    [SITE, "gateway: 203.0.113.9", "gateway: 203.0.113.17"],
    [SITE, "internet: {", "203.0.113.17"],
    "/firewall/internet/gateway",
    /^expected an address inside the internet range 203\.0\.113\.8\/29, found 203\.0\.113\.17$/,
  ],
  [
    "the firewall's internet address on the range's network address",
    [SITE, "address: 203.0.113.10/29", "address: 203.0.113.8/29"],
    [SITE, "internet: {", "203.0.113.8/29"],
    "/firewall/internet/address",
    /^expected a host address of 203\.0\.113\.8\/29, found its network address 203\.0\.113\.8$/,
  ],
  [
    "a shared service on its network's broadcast address",
    [SITE, "addresses: [10.0.20.10, 10.0.20.11]", "addresses: [10.0.20.10, 10.0.20.255]"],
    [SITE, "{ name: dns, network: shared", "10.0.20.255"],
    "/firewall/sharedServices/0/addresses/1",
    /^expected a host address of 10\.0\.20\.0\/24, found its broadcast address 10\.0\.20\.255$/,
  ],
];

describe("addresses are read strictly: dotted quads without leading zeros, numbers 0-255, prefixes 0-32", () => {
  test.each(LEADING_ZEROS)("%s", reportsOnly);
  test.each(MALFORMED)("%s", reportsOnly);
});

describe("a gateway (and any host address) is never its network's network or broadcast address", () => {
  test.each(NOT_A_HOST)("%s", reportsOnly);
});

describe("synth refuses a bad address and changes no file: neither the lock nor the output", () => {
  /** The single edit of a row of the tables above. */
  const editOf = (change: Mistake[1]): Edit => {
    if (change.length !== 3 || typeof change[0] !== "string") throw new Error("expected a row with one edit");
    return change as Edit;
  };

  test.each([LEADING_ZEROS[0], MALFORMED[4], NOT_A_HOST[2], NOT_A_HOST[5]])(
    "%s",
    (_mistake, change, [file, needle, target], pointer, message) => {
      const tiny = pinnedTiny();
      edit(tiny.sites, ...editOf(change));
      if (typeof message === "function") throw new Error("expected a row whose message is a RegExp");
      refusesInput(tiny, [printed({ file, ...at(tiny.sites, file, needle, target), pointer, message })]);
    },
  );
});

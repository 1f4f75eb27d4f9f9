/**
 * Service names FortiOS defines out of the box (firewall.service.custom and .group in a factory-default
 * VDOM, FortiOS 7.x). Flows may name them without declaring them. From the FortiOS default
 * configuration as documented, not read from a device here: (verify) against the target firmware.
 */
export const PREDEFINED_SERVICES: ReadonlySet<string> = new Set([
  "ALL", "ALL_TCP", "ALL_UDP", "ALL_ICMP", "ALL_ICMP6", "GRE", "AH", "ESP", "AOL", "BGP", "DHCP", "DNS",
  "FINGER", "FTP", "FTP_GET", "FTP_PUT", "GOPHER", "H323", "HTTP", "HTTPS", "IKE", "IMAP", "IMAPS",
  "Internet-Locator-Service", "IRC", "L2TP", "LDAP", "NetMeeting", "NFS", "NNTP", "NTP", "OSPF",
  "PC-Anywhere", "PING", "TIMESTAMP", "INFO_REQUEST", "INFO_ADDRESS", "ONC-RPC", "DCE-RPC", "POP3",
  "POP3S", "PPTP", "QUAKE", "RAUDIO", "REXEC", "RIP", "RLOGIN", "RSH", "SCCP", "SIP",
  "SIP-MSNmessenger", "SAMBA", "SMTP", "SMTPS", "SNMP", "SSH", "SYSLOG", "TALK", "TELNET", "TFTP",
  "MGCP", "UUCP", "VDOLIVE", "WAIS", "WINFRAME", "X-WINDOWS", "PING6", "MMS", "KERBEROS", "LDAP_UDP",
  "SMB", "NONE", "RADIUS", "RADIUS-OLD", "CVSPSERVER", "RDP", "MS-SQL", "MYSQL", "TRACEROUTE",
]);

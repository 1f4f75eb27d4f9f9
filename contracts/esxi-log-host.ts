/**
 * An ESXi `Syslog.global.logHost` target, `protocol://host[:port]` (one target; the spec schema's
 * pattern admits only this form): split into its parts, or undefined when it is not of that form.
 * The spec loader checks the host against the site's syslog targets; the VSP-SYSLOG rule checks the
 * protocol and port against the `log-collector` facility object.
 */
export function parseLogHost(logHost: string): { protocol: "ssl" | "tcp" | "udp"; host: string; port?: number } | undefined {
  const m = /^(ssl|tcp|udp):\/\/([^\s:/,]+)(?::(\d{1,5}))?$/.exec(logHost);
  if (!m) return undefined;
  return { protocol: m[1] as "ssl" | "tcp" | "udp", host: m[2], ...(m[3] === undefined ? {} : { port: Number(m[3]) }) };
}

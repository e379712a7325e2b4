// The addresses the server actually answers on, for the startup log line: the bound address and
// port (e.g. http://127.0.0.1:3000), or, when bound to every interface (0.0.0.0 or ::), one URL
// per interface address (link-local IPv6 left out: no browser opens those without a zone id).
import type { AddressInfo } from 'node:net';
import os from 'node:os';

type Interfaces = ReturnType<typeof os.networkInterfaces>;

const url = (address: string, port: number) =>
  `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

export function listeningUrls(
  addresses: readonly (AddressInfo | string)[],
  interfaces: Interfaces = os.networkInterfaces(),
): string[] {
  const out: string[] = [];
  for (const a of addresses) {
    // A Unix socket or named pipe: its path.
    if (typeof a === 'string') {
      out.push(a);
      continue;
    }
    const wildcard = a.address === '0.0.0.0' || a.address === '::';
    if (!wildcard) {
      out.push(url(a.address, a.port));
      continue;
    }
    // "::" is dual-stack on the usual systems: it takes IPv4 connections too.
    const families = a.address === '::' ? ['IPv4', 'IPv6'] : ['IPv4'];
    const local = Object.values(interfaces)
      .flat()
      .filter((i): i is os.NetworkInterfaceInfo => Boolean(i))
      .filter((i) => families.includes(i.family) && !/^fe80:/i.test(i.address))
      // Loopback first: the address to open on the server itself.
      .sort((x, y) => Number(y.internal) - Number(x.internal) || x.family.localeCompare(y.family));
    if (local.length === 0) out.push(url(a.address, a.port));
    for (const i of local) out.push(url(i.address, a.port));
  }
  return [...new Set(out)];
}

/** The startup log line. */
export function runningMessage(
  addresses: readonly (AddressInfo | string)[],
  opts: { publicUrl?: string; dialect: string },
  interfaces?: Interfaces,
): string {
  const urls = listeningUrls(addresses, interfaces);
  const pub = opts.publicUrl ? `; public URL ${opts.publicUrl}` : '';
  return `SupportTracker is running at ${urls.join(', ')} (database: ${opts.dialect}${pub})`;
}

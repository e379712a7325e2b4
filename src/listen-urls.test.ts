// The startup log line names the address and port the server is bound to, or every interface
// address when it listens on all of them.
import { describe, expect, it } from 'vitest';
import type os from 'node:os';
import { listeningUrls, runningMessage } from './listen-urls.ts';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal = false) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as os.NetworkInterfaceInfo;
const INTERFACES = {
  lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)],
  eth0: [iface('192.168.1.20', 'IPv4'), iface('fd00::2', 'IPv6'), iface('fe80::1', 'IPv6')],
};

describe('startup log line', () => {
  it('shows the bound address and port', () => {
    expect(
      listeningUrls([{ address: '127.0.0.1', family: 'IPv4', port: 3000 }], INTERFACES),
    ).toEqual(['http://127.0.0.1:3000']);
    expect(listeningUrls([{ address: '::1', family: 'IPv6', port: 8080 }], INTERFACES)).toEqual([
      'http://[::1]:8080',
    ]);
  });

  it('lists every interface address when bound to 0.0.0.0 or ::, loopback first, no link-local', () => {
    expect(listeningUrls([{ address: '0.0.0.0', family: 'IPv4', port: 3000 }], INTERFACES)).toEqual(
      ['http://127.0.0.1:3000', 'http://192.168.1.20:3000'],
    );
    expect(listeningUrls([{ address: '::', family: 'IPv6', port: 3000 }], INTERFACES)).toEqual([
      'http://127.0.0.1:3000',
      'http://[::1]:3000',
      'http://192.168.1.20:3000',
      'http://[fd00::2]:3000',
    ]);
  });

  it('says the database and, when set, the public URL', () => {
    expect(
      runningMessage(
        [{ address: '127.0.0.1', family: 'IPv4', port: 3000 }],
        { publicUrl: 'https://support.example.com', dialect: 'sqlite' },
        INTERFACES,
      ),
    ).toBe(
      'SupportTracker is running at http://127.0.0.1:3000 (database: sqlite; public URL https://support.example.com)',
    );
  });
});

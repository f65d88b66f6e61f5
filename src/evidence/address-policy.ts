import * as ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

// The link checker fetches addresses that users type in; without this it could be pointed at
// the intranet (the database, Redis, a router's admin page, a cloud metadata service). Every
// address a host name resolves to is checked, and the connection is made to a checked address
// only (see page-fetcher.ts), so a name that resolves to both a public and a private address
// is refused, and a DNS answer cannot change between the check and the connection.
//
// The ranges are not a hand list: ipaddr.js classifies an address by the IANA special-purpose
// address registries (RFC 6890 and its updates) plus multicast, and only what it calls `unicast`
// may be fetched. For IPv4 that leaves out "this network", private (RFC 1918), shared/CGNAT,
// loopback, link-local (cloud metadata), the IETF protocol block 192.0.0.0/24, documentation
// (TEST-NET-1/2/3), benchmarking, 6to4 relay anycast, AS112, AMT, multicast, reserved 240/4 and
// broadcast. For IPv6 it leaves out unspecified, loopback, unique-local, link-local, site-local,
// multicast, discard, the IETF protocol block 2001::/23 (benchmarking, ORCHID, AMT, AS112),
// documentation (2001:db8::/32, 3fff::/20), SRv6 SIDs and local-use NAT64 (64:ff9b:1::/48).

/** IPv6 forms that carry an IPv4 address: they are judged by the IPv4 address they reach. */
const EMBEDDING_IPV4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4', 'teredo']);

// The global unicast space (RFC 4291 §2.4): everything outside it is unassigned or reserved by
// the IETF, including the deprecated IPv4-compatible form (`::127.0.0.1`, §2.5.5.1) that the
// registry does not list but an operating system may still route to the embedded IPv4 address.
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR('2000::/3');
// The well-known NAT64 prefix (RFC 6052 §2.1) may only embed globally reachable IPv4 addresses;
// 64:ff9b:1::/48 (RFC 8215) is for local use and stays blocked.
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/** Whether an IP literal (bare or in brackets, with or without a zone) may NOT be fetched. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  // Only the canonical forms a URL parser or a DNS answer produce; anything else is not an
  // address we connect to (ipaddr.js alone would also accept classful forms like `127.1`).
  const version = isIP(bare);
  if (version === 4) return !isPublicIPv4(ipaddr.IPv4.parse(bare));
  if (version === 6) return !isPublicIPv6(ipaddr.IPv6.parse(canonicalIPv6(bare)));
  return true;
}

/**
 * The hexadecimal form a URL parser gives (`::127.0.0.1` → `::7f00:1`). ipaddr.js reads the
 * dotted tail of `::a.b.c.d` as IPv4-mapped (`::ffff:a.b.c.d`) rather than IPv4-compatible, and
 * the C library's inet_ntop writes IPv4-compatible DNS answers in that dotted form.
 */
function canonicalIPv6(address: string): string {
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

function isPublicIPv4(address: ipaddr.IPv4): boolean {
  return address.range() === 'unicast';
}

function isPublicIPv6(address: ipaddr.IPv6): boolean {
  const range: string = address.range();
  if (EMBEDDING_IPV4.has(range)) {
    if (range === 'rfc6052' && !address.match(NAT64_WELL_KNOWN)) return false;
    return embeddedIPv4(address, range).every(isPublicIPv4);
  }
  return range === 'unicast' && address.match(GLOBAL_UNICAST);
}

/** The IPv4 addresses an IPv6 address of an embedding form leads to. */
function embeddedIPv4(address: ipaddr.IPv6, range: string): ipaddr.IPv4[] {
  const bytes = address.toByteArray();
  const v4 = (at: number, mask = 0) => new ipaddr.IPv4(bytes.slice(at, at + 4).map((b) => b ^ mask));
  // 6to4 (RFC 3056 §2): 2002:V4ADDR::/48.
  if (range === '6to4') return [v4(2)];
  // Teredo (RFC 4380 §4): 2001:0:SERVER:flags:port:~CLIENT, the client's address inverted;
  // packets go to both, so both must be public.
  if (range === 'teredo') return [v4(4), v4(12, 0xff)];
  // IPv4-mapped, IPv4-translated (RFC 6145) and NAT64 /96: the last 32 bits.
  return [v4(12)];
}

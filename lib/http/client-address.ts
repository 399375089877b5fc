// Who is on the other end of a request, for sign-in throttling and for trusting X-Forwarded-*.
// Only proxies we run may speak for the client: TRUSTED_PROXIES lists them (comma-separated
// addresses or CIDR ranges), by default loopback, where the built-in front server
// (lib/front/front-server.ts) reaches Next and appends the address of the socket it accepted
// to X-Forwarded-For. Anything a client wrote into the header itself is to the left of that
// and is ignored unless a trusted proxy added it.
import { BlockList, isIP } from "node:net";

const DEFAULT_TRUSTED = "127.0.0.0/8, ::1";

export function trustedProxies(spec: string = process.env.TRUSTED_PROXIES ?? DEFAULT_TRUSTED): BlockList {
  const list = new BlockList();
  for (const entry of spec.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address = "", bits] = entry.split("/");
    const family = isIP(address) === 6 ? "ipv6" : isIP(address) === 4 ? "ipv4" : null;
    if (!family) continue;
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) as 1.2.3.4; other addresses as given. */
export function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed.toLowerCase();
}

export function isTrusted(address: string, trusted: BlockList): boolean {
  const normalized = normalizeAddress(address);
  const family = isIP(normalized);
  return family !== 0 && trusted.check(normalized, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: walking X-Forwarded-For from the right (the entry the nearest proxy
 * wrote), the first address that is not a trusted proxy. `peer` is the address of the socket
 * the request came in on, when known; when it is not trusted, the header is not read at all.
 */
export function clientAddress(forwardedFor: string | null | undefined, peer: string | null | undefined, trusted = trustedProxies()): string {
  if (peer && !isTrusted(peer, trusted)) return normalizeAddress(peer);
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => normalizeAddress(hop))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(hops[i]!, trusted)) return hops[i]!;
  }
  // Every hop is one of ours (a request from this machine): the leftmost is the client.
  return hops[0] ?? (peer ? normalizeAddress(peer) : "unknown");
}

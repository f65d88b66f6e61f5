/**
 * The key failed sign-ins are counted under for a username: the same for every spelling that
 * reaches the same account. `app_user.username` compares with utf8mb4_unicode_ci, which
 * ignores case, accents and trailing spaces (U+3000, the ideographic space, included) and
 * equates full-width with ASCII letters, so `AUTH.RL `, `áuth.rl` and `ａuth.rl　` all sign in
 * as `auth.rl`. This folds the same differences: NFKC (full-width → ASCII, U+3000 → space),
 * trim, lower case, and accents removed (NFD, then combining marks dropped). The counter
 * table's `subject` column has that collation too, so anything folded differently here is
 * still one row there.
 */
export function usernameKey(username: string): string {
  return username
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .slice(0, 191);
}

/** An address as counted: IPv4 seen through an IPv6 socket (`::ffff:10.0.0.1`) is that IPv4 address. */
export function addressKey(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1').slice(0, 191);
}

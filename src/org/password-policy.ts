import { readFileSync } from 'node:fs';
import { fromRoot } from '../common/paths';

/**
 * The password policy, as 等保 2.0 (GB/T 22239-2019, 8.1.4.1 身份鉴别 a) asks of every account:
 * a password of some complexity that is not easy to guess.
 *
 *  - at least 10 characters (counted as characters, so an emoji is one);
 *  - at least three of: lower-case letters, upper-case letters, digits, anything else;
 *  - not the username (ignoring case);
 *  - not a common password (data/common-passwords.txt), ignoring case, nor one with only
 *    digits and symbols added before or after it (`Password@123`, `2024!!qwerty`).
 *
 * Existing passwords are not re-checked: the policy applies when a password is set.
 */
export const PASSWORD_MIN_LENGTH = 10;

export const PASSWORD_POLICY_TEXT = `至少 ${PASSWORD_MIN_LENGTH} 个字符，包含小写字母、大写字母、数字、符号中的至少三类，不能与用户名相同，不能是常见密码`;

let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(fromRoot('data', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#')),
  );
  return common;
}

// The shortest core that counts as a common password once digits and symbols around it are
// stripped; shorter words ("aa", "abc") are too frequent as parts of good passwords.
const MIN_CORE = 4;

/** Why the password may not be used, in Chinese; null when it meets the policy. */
export function passwordProblem(password: string, username: string | null): string | null {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符（现有 ${characters.length} 个）`;
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u].filter((kind) => kind.test(password)).length;
  if (kinds < 3) return '密码须包含小写字母、大写字母、数字、符号中的至少三类';
  const lower = password.toLowerCase();
  if (username && lower === username.trim().toLowerCase()) return '密码不能与用户名相同';
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (commonPasswords().has(lower) || ([...core].length >= MIN_CORE && commonPasswords().has(core))) {
    return '密码是常见密码或其简单变形，容易被猜中，请换一个';
  }
  return null;
}

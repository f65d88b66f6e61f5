import { addressKey, usernameKey } from './sign-in-keys';

describe('usernameKey', () => {
  it.each([
    ['auth.rl', 'auth.rl'],
    ['auth.rl ', 'auth.rl'],
    ['AUTH.RL ', 'auth.rl'],
    ['áuth.rl', 'auth.rl'],
    ['auth.rl\u3000', 'auth.rl'],
    ['\u3000auth.rl', 'auth.rl'],
    ['ＡＵＴＨ．ＲＬ', 'auth.rl'],
    ['Åuth.rl', 'auth.rl'],
    ['zhang.san', 'zhang.san'],
  ])('folds %j to %j', (spelling, key) => {
    expect(usernameKey(spelling)).toBe(key);
  });

  it('keeps names that the database tells apart apart', () => {
    expect(usernameKey('auth.rl1')).not.toBe(usernameKey('auth.rl'));
    expect(usernameKey('a.b')).not.toBe(usernameKey('ab'));
  });
});

describe('addressKey', () => {
  it('counts an IPv4 address the same through an IPv6 socket', () => {
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8::1')).toBe('2001:db8::1');
  });
});

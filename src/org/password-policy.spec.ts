import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['duban-demo-1', 'operator.xinfeng-jt'],
    ['river-stone-8', 'someone'],
    ['Lantern-Festival', 'someone'],
    ['ABCDEFGH-12', 'someone'],
  ])('accepts %s', (password, username) => {
    expect(passwordProblem(password, username)).toBeNull();
  });

  it.each([
    ['Ab-1234', 'someone', /至少 10 个字符/],
    ['abcdefghijkl', 'someone', /三类/],
    ['abcdefgh1234', 'someone', /三类/],
    ['ABCDEFGH!!!!', 'someone', /三类/],
    ['Zhang.San-2024', 'zhang.san-2024', /用户名/],
    ['Aa123456789', 'someone', /常见密码/],
    ['P@ssw0rd1234', 'someone', /常见密码/],
    ['Qwerty@123456', 'someone', /常见密码/],
    ['2024!!Password', 'someone', /常见密码/],
    ['WoAiNi1314!!', 'someone', /常见密码/],
  ])('refuses %s', (password, username, expected) => {
    expect(passwordProblem(password, username)).toMatch(expected);
  });

  it('counts characters, not UTF-16 units', () => {
    // Nine characters, one of them outside the BMP (two UTF-16 units): still too short.
    expect(passwordProblem('Ab-12345\u{1F600}', 'someone')).toMatch(/至少 10 个字符/);
  });
});

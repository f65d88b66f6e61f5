import { checkPublicationFields, dedupeKey, toPublicationRow } from './publication-rows';

const names = { publishedAt: 'publishedAt', title: 'title', url: 'url', externalId: 'externalId' };

describe('publication rows', () => {
  it('keys a publication by external id, else by normalised url, else not at all', () => {
    expect(dedupeKey('wx-1', 'http://a.gov.cn/x')).toBe('e:wx-1');
    expect(dedupeKey(null, 'https://A.gov.cn/x/index.html#p')).toBe('u:a.gov.cn/x');
    expect(dedupeKey(undefined, 'http://a.gov.cn/x/')).toBe(dedupeKey(undefined, 'https://a.gov.cn/x'));
    expect(dedupeKey(null, null)).toBeNull();
    const long = dedupeKey(null, `http://a.gov.cn/${'x'.repeat(300)}`)!;
    expect(long).toMatch(/^h:[0-9a-f]{64}$/);
    expect(dedupeKey('y'.repeat(191), null)).toMatch(/^h:/);
  });

  it.each([
    ['2022-09-29T23:30:00', '2022-09-29'],
    ['2022-09-30T00:10:00', '2022-09-30'],
    ['2022-09-29T16:10:00Z', '2022-09-30'],
    ['2022-09-29T15:59:59.999Z', '2022-09-29'],
  ])('stores %s on local date %s', (publishedAt, localDate) => {
    const { publishedAt: at } = checkPublicationFields({ publishedAt }, names, 'Asia/Shanghai');
    expect(toPublicationRow(1, at!, { publishedAt }, 'Asia/Shanghai')[2]).toBe(localDate);
  });

  it('names every bad field', () => {
    const { problems } = checkPublicationFields({ publishedAt: '2022-02-30T10:00', title: 5, url: 'ftp://x', externalId: 'e'.repeat(192) }, names, 'Asia/Shanghai');
    expect(problems.join('|')).toMatch(/publishedAt.*\|title 必须是文本\|externalId 过长.*\|url 必须以 http/);
  });
});

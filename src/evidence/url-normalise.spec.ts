import { absoluteUrl, normaliseUrl, sameUrl } from './url-normalise';

describe('normaliseUrl', () => {
  it.each([
    ['http://www.gz.gov.cn/zwgk/', 'https://www.gz.gov.cn/zwgk'],
    ['https://WWW.GZ.GOV.CN/zwgk/index.html', 'http://www.gz.gov.cn/zwgk'],
    ['http://www.gz.gov.cn:80/a/index.htm', 'http://www.gz.gov.cn/a/'],
    ['https://www.gz.gov.cn:443/a/index.shtml', 'http://www.gz.gov.cn/a'],
    ['http://www.gz.gov.cn/a/default.html#top', 'http://www.gz.gov.cn/a'],
    ['http://www.gz.gov.cn/a/b.html#section-2', 'https://www.gz.gov.cn/a/b.html'],
    ['http://www.gz.gov.cn', 'http://www.gz.gov.cn/'],
    ['http://www.gz.gov.cn/index.html', 'https://www.gz.gov.cn'],
    ['http://www.gz.gov.cn/政策/解读.html', 'http://www.gz.gov.cn/%E6%94%BF%E7%AD%96/%E8%A7%A3%E8%AF%BB.html'],
    ['http://www.gz.gov.cn/a?', 'http://www.gz.gov.cn/a'],
  ])('%s is the same page as %s', (a, b) => {
    expect(normaliseUrl(a)).not.toBeNull();
    expect(sameUrl(a, b)).toBe(true);
  });

  it.each([
    ['http://www.gz.gov.cn/a', 'http://gz.gov.cn/a'],
    ['http://www.gz.gov.cn:8080/a', 'http://www.gz.gov.cn/a'],
    ['http://www.gz.gov.cn/a?id=1', 'http://www.gz.gov.cn/a?id=2'],
    ['http://www.gz.gov.cn/a/b.html', 'http://www.gz.gov.cn/a/c.html'],
    ['http://www.gz.gov.cn/A', 'http://www.gz.gov.cn/a'],
    ['http://www.gz.gov.cn/a/index.php', 'http://www.gz.gov.cn/a'],
  ])('%s is not the same page as %s', (a, b) => {
    expect(sameUrl(a, b)).toBe(false);
  });

  it.each([
    ['../jd/index.html', 'http://www.gz.gov.cn/zc/wj/1.html', 'www.gz.gov.cn/zc/jd'],
    ['/jd/2.html', 'https://www.gz.gov.cn/zc/wj/1.html', 'www.gz.gov.cn/jd/2.html'],
    ['2.html?x=1#p', 'http://www.gz.gov.cn/zc/', 'www.gz.gov.cn/zc/2.html?x=1'],
    ['//other.gov.cn/a/', 'https://www.gz.gov.cn/', 'other.gov.cn/a'],
  ])('resolves %s against %s', (href, base, key) => {
    expect(normaliseUrl(href, base)).toBe(key);
  });

  it.each(['mailto:office@gz.gov.cn', 'javascript:void(0)', 'ftp://www.gz.gov.cn/a', 'not a url', 'http://'])('refuses %s', (raw) => {
    expect(normaliseUrl(raw)).toBeNull();
  });
});

describe('absoluteUrl', () => {
  it.each([
    ['../jd/1.html#top', 'http://www.x.gov.cn/zc/wj/', 'http://www.x.gov.cn/zc/jd/1.html'],
    ['/art/2.html?id=7&p=1', 'https://www.x.gov.cn/zc/', 'https://www.x.gov.cn/art/2.html?id=7&p=1'],
    ['  HTTP://WWW.X.GOV.CN/a.html  ', undefined, 'http://www.x.gov.cn/a.html'],
    ['', 'http://www.x.gov.cn/zc/index.html', 'http://www.x.gov.cn/zc/index.html'],
  ])('resolves %p against %p', (href, base, expected) => {
    expect(absoluteUrl(href, base)).toBe(expected);
  });

  it.each([
    ['javascript:void(0)', 'http://www.x.gov.cn/'],
    ['mailto:zwgk@x.gov.cn', 'http://www.x.gov.cn/'],
    ['ftp://x.gov.cn/a.txt', undefined],
    ['relative.html', undefined],
    ['http://[bad', undefined],
  ])('refuses %p', (href, base) => {
    expect(absoluteUrl(href, base)).toBeNull();
  });
});

import { charsetOfContentType, decodeEntities, extractLinks, sniffMetaCharset } from './html-links';

describe('extractLinks', () => {
  it('reads hrefs of <a> and <area> however they are quoted, and the <base>', () => {
    const html = `<html><head><BASE HREF="http://www.x.gov.cn/zc/"></head><body>
      <a href="1.html">一</a> <A class=x HREF='../jd/2.html?a=1&amp;b=2'>二</A>
      <a href=/abs/3.html>三</a> <a title="a > b" href="4.html">四</a>
      <map><area shape=rect href="5.html"></map> <a name="top">no href</a> <a href="">empty</a>
      <abbr href="not-a-link.html">x</abbr></body></html>`;
    expect(extractLinks(html)).toEqual({ base: 'http://www.x.gov.cn/zc/', hrefs: ['1.html', '../jd/2.html?a=1&b=2', '/abs/3.html', '4.html', '5.html'] });
  });

  it('ignores links inside comments, scripts and styles', () => {
    const html = `<!-- <a href="old.html">old</a> --><script>var s = '<a href="js.html">';</script><style>a[href="css.html"]{}</style><a href="real.html">r</a>`;
    expect(extractLinks(html).hrefs).toEqual(['real.html']);
  });

  it('decodes numeric and named entities', () => {
    expect(decodeEntities('a&amp;b&#x2F;c&#47;d&quot;&unknown;')).toBe('a&b/c/d"&unknown;');
  });
});

describe('charsets', () => {
  it.each([
    ['<meta charset="gbk">', 'gbk'],
    ['<META CHARSET=GB2312>', 'gb2312'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=gb18030" />', 'gb18030'],
    ['<meta name="x" content="y"><title>t</title>', null],
  ])('sniffs %s', (head, charset) => {
    expect(sniffMetaCharset(Buffer.from(head))).toBe(charset);
  });

  it('reads the charset of a Content-Type header', () => {
    expect(charsetOfContentType('text/html; charset="GBK"')).toBe('gbk');
    expect(charsetOfContentType('text/html')).toBeNull();
  });
});

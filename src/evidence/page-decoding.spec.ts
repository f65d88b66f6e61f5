import * as iconv from 'iconv-lite';
import { decodePage, sniffXmlEncoding } from './page-decoding';

const TITLE = '关于做好2022年政务公开工作的通知';
const gbk = (s: string) => iconv.encode(s, 'gbk');
const utf8 = (s: string) => Buffer.from(s, 'utf-8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('decodePage', () => {
  it.each([
    ['the header charset', gbk(`<title>${TITLE}</title>`), 'text/html; charset=GBK', 'gb18030', 'header'],
    ['<meta charset> when the header has none', gbk(`<meta charset="gb2312"><title>${TITLE}</title>`), 'text/html', 'gb18030', 'meta'],
    ['<meta http-equiv>', gbk(`<meta http-equiv="Content-Type" content="text/html; charset=gbk"><p>${TITLE}</p>`), undefined, 'gb18030', 'meta'],
    ['the header over a contradicting meta', utf8(`<meta charset="gbk"><p>${TITLE}</p>`), 'text/html; charset=utf-8', 'utf-8', 'header'],
    ['an XML declaration of a feed', gbk(`<?xml version="1.0" encoding="GB2312"?><rss><title>${TITLE}</title></rss>`), 'application/rss+xml', 'gb18030', 'meta'],
    ['UTF-8 bytes that declare nothing', utf8(`<p>${TITLE}</p>`), null, 'utf-8', 'detected'],
    ['GBK bytes that declare nothing', gbk(`<p>${TITLE}</p>`), null, 'gb18030', 'detected'],
    ['an unknown declared charset: the bytes decide', gbk(`<p>${TITLE}</p>`), 'text/html; charset=x-unknown', 'gb18030', 'detected'],
  ])('decodes by %s', (_why, body, contentType, charset, source) => {
    const decoded = decodePage(body, contentType);
    expect(decoded).toMatchObject({ charset, source });
    expect(decoded.text).toContain(TITLE);
  });

  it('lets a UTF-8 byte order mark win over a header that says GBK, and drops the mark', () => {
    const decoded = decodePage(Buffer.concat([BOM, utf8(`<title>${TITLE}</title>`)]), 'text/html; charset=gbk');
    expect(decoded).toEqual({ text: `<title>${TITLE}</title>`, charset: 'utf-8', source: 'bom' });
  });

  it('reads UTF-16 pages by their byte order mark', () => {
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`<p>${TITLE}</p>`, 'utf-16le')]);
    expect(decodePage(body, 'text/html')).toEqual({ text: `<p>${TITLE}</p>`, charset: 'utf-16le', source: 'bom' });
  });

  it('decodes characters that only GB18030 has when a page says GBK or GB2312', () => {
    // 𠀀 (U+20000) is a four-byte GB18030 sequence; GBK proper cannot encode it.
    const body = iconv.encode('<p>𠀀 €</p>', 'gb18030');
    expect(decodePage(body, 'text/html; charset=gb2312').text).toBe('<p>𠀀 €</p>');
  });

  it('reads the XML encoding only from a declaration that opens the document', () => {
    expect(sniffXmlEncoding(Buffer.from(`<?xml version='1.0' encoding='gbk' ?><rss/>`))).toBe('gbk');
    expect(sniffXmlEncoding(Buffer.from(`<rss><description>&lt;?xml encoding="gbk"?&gt;</description></rss>`))).toBeNull();
  });
});

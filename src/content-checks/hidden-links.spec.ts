import { ContentMatcher } from './content-matcher';
import { loadDefaultRules } from './content-rules';
import { findHiddenLinks, hiddenSelectors, hidingDeclaration, siteOf } from './hidden-links';

const matcher = new ContentMatcher(loadDefaultRules());
const PAGE = 'https://www.example.gov.cn/zwgk/index.html';
const find = (html: string) => findHiddenLinks(html, PAGE, matcher);

describe('findHiddenLinks', () => {
  it('reports an off-site link inside an element hidden by inline style, at the <a> element', () => {
    const html = '<p>正文</p><div style="display:none"><a href="http://www.xx-casino.com/">澳门新葡京娱乐场</a></div>';
    const [link, ...rest] = find(html);
    expect(rest).toEqual([]);
    expect(link).toMatchObject({ href: 'http://www.xx-casino.com/', text: '澳门新葡京娱乐场', hiddenBy: 'display:none', offSite: true, kind: 'sensitive', severity: 'confirmed' });
    expect(html.slice(link.start, link.end)).toBe('<a href="http://www.xx-casino.com/">澳门新葡京娱乐场</a>');
    expect(link.spam.map((h) => h.text)).toEqual(['澳门新葡京']);
  });

  it.each([
    ['visibility:hidden', '<span style="visibility: hidden">', 'visibility:hidden'],
    ['font-size:0', '<div style="FONT-SIZE:0px">', 'font-size:0px'],
    ['off-screen positioning', '<div style="position:absolute;top:-999px;left:-999px">', 'left:-999px'],
    ['a negative text-indent', '<div style="text-indent:-9999px">', 'text-indent:-9999px'],
    ['height:1px with overflow hidden', '<div style="height:1px;overflow:hidden">', 'height:1px'],
    ['opacity:0', '<div style="opacity:0">', 'opacity:0'],
    ['a clip of nothing', '<div style="position:absolute;clip:rect(0 0 0 0)">', 'clip:rect(0 0 0 0)'],
    ['the hidden attribute', '<div hidden>', 'hidden 属性'],
    ['!important', '<div style="display: none !important;">', 'display:none'],
  ])('reports a link hidden by %s', (_what, open, hiddenBy) => {
    const tag = open.slice(1, open.search(/[\s>]/));
    const links = find(`${open}<b><a href="https://spam.example.com/p">点击</a></b></${tag}>`);
    expect(links.map((l) => l.hiddenBy)).toEqual([hiddenBy]);
  });

  it('reports a link hidden by a class or id of the page own stylesheet, wherever the <style> stands', () => {
    const html = '<ul class="nav hide-x"><li><a href="https://a.example.com/">站外甲</a></li></ul><div id="ad"><a href="https://b.example.com/">站外乙</a></div><style>.hide-x,#ad{display:none}@media print{.nav{display:none}}</style>';
    expect(find(html).map((l) => [l.text, l.hiddenBy])).toEqual([
      ['站外甲', '.hide-x（display:none）'],
      ['站外乙', '#ad（display:none）'],
    ]);
  });

  it('leaves alone a hidden menu of the site own pages and a hidden list of government sites', () => {
    const html = `
      <ul style="display:none">
        <li><a href="/zwgk/tzgg/">通知公告</a></li>
        <li><a href="https://zwgk.example.gov.cn/list.html">信息公开</a></li>
        <li><a href="javascript:void(0)">关闭</a></li>
      </ul>
      <div style="display:none"><a href="https://www.gov.cn/">中国政府网</a><a href="http://www.jiangxi.gov.cn/">江西省人民政府</a></div>`;
    expect(find(html)).toEqual([]);
  });

  it('reports a hidden link of the site itself when its text or address is spam', () => {
    const links = find('<div style="display:none"><a href="/bet365/index.html">点击进入</a><a href="/zwgk/">bet365官网</a></div>');
    expect(links.map((l) => [l.href, l.offSite, l.spam.map((h) => h.text)])).toEqual([
      ['/bet365/index.html', false, ['bet365']],
      ['/zwgk/', false, ['bet365官网']],
    ]);
  });

  it('reports a visible off-site link only when its text or address is spam', () => {
    const html = '<a href="https://www.people.com.cn/">人民网</a><a href="http://js333.example.net/">点击领取</a><a href="https://x.example.org/">开云体育在线平台</a>';
    expect(find(html).map((l) => [l.text, l.hiddenBy, l.suggestion])).toEqual([
      ['点击领取', null, '删除该链接，排查网页是否被篡改'],
      ['开云体育在线平台', null, '删除该链接，排查网页是否被篡改'],
    ]);
  });

  it('does not report a visible link of the site itself: the text check of the page sees its text', () => {
    expect(find('<a href="/a.html">截止目前</a><a href="/b.html">开云体育</a>')).toEqual([]);
  });

  it('reads messy markup: upper-case tags, unquoted attributes, entities, an unclosed link', () => {
    const html = '<DIV STYLE=display:none><A HREF=http://x.example.com/?a=1&amp;b=2 TITLE="博彩">';
    const [link] = find(html);
    expect(link).toMatchObject({ href: 'http://x.example.com/?a=1&b=2', text: '博彩', hiddenBy: 'display:none', end: html.length });
    expect(link.start).toBe(html.indexOf('<A'));
    const closedByParent = '<div style="display:none"><a href="https://x.example.com/">外链</div><p>正文</p>';
    const [inner] = find(closedByParent);
    expect(closedByParent.slice(inner.start, inner.end)).toBe('<a href="https://x.example.com/">外链');
  });

  it('gives JavaScript string indices after characters outside the BMP', () => {
    const html = '<p>😀𠮷</p><div style="display:none"><a href="https://x.example.com/">外链</a></div>';
    const [link] = find(html);
    expect(html.slice(link.start, link.end)).toBe('<a href="https://x.example.com/">外链</a>');
  });

  it('does not read links out of scripts and comments', () => {
    expect(find('<!-- <div style="display:none"><a href="https://x.example.com/">外链</a></div> --><script>var s = \'<a href="https://x.example.com/">x</a>\';</script>')).toEqual([]);
  });
});

describe('hidingDeclaration', () => {
  it.each([
    ['display:block', null],
    ['position:absolute;left:-50px', null],
    ['left:-9999px', null],
    ['position:relative;left:-9999px', null],
    ['font-size:12px', null],
    ['height:0', null],
    ['height:0;overflow:hidden', 'height:0'],
    ['width:0px;overflow-x:hidden', 'width:0px'],
    ['position:fixed;left:-20em', 'left:-20em'],
    ['font-size:0.5pt', 'font-size:0.5pt'],
    ['opacity:0.5', null],
    ['Display : None', 'display:none'],
  ])('%s → %s', (style, expected) => {
    expect(hidingDeclaration(style)).toBe(expected);
  });
});

describe('hiddenSelectors', () => {
  it('collects simple class and id selectors of hiding rules, skipping @-blocks and comments', () => {
    const css = '/* .a{display:none} */ .b, div.c { display:none } .d .e{display:none} #f{color:red} @media (max-width:600px){.g{display:none}} .h{visibility:hidden}';
    expect([...hiddenSelectors(css)]).toEqual([
      ['.b', 'display:none'],
      ['.c', 'display:none'],
      ['.h', 'visibility:hidden'],
    ]);
  });
});

describe('siteOf', () => {
  it.each([
    ['www.example.gov.cn', 'example.gov.cn'],
    ['zwgk.example.gov.cn', 'example.gov.cn'],
    ['b.example.com', 'example.com'],
    ['www.people.com.cn', 'people.com.cn'],
    ['EXAMPLE.COM.', 'example.com'],
  ])('%s → %s', (host, site) => expect(siteOf(host)).toBe(site));
});

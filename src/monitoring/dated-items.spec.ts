import { readDatedItems } from './dated-items';

const PAGE = 'http://www.xf.gov.cn/col/col123/index.html';
const CONTEXT = { today: '2022-09-29', timeZone: 'Asia/Shanghai' };

function read(body: string, context = CONTEXT, pageUrl = PAGE) {
  return readDatedItems(`<html><head><title>信丰县人民政府</title></head><body>${body}</body></html>`, pageUrl, context);
}

/** `title → date` of every item, in order. */
function dated(body: string, context = CONTEXT): string[] {
  return read(body, context).items.map((i) => `${i.title} → ${i.date.localDate}`);
}

describe('readDatedItems: the date formats of a list entry', () => {
  it.each([
    ['<span>2022-08-29</span>', '2022-08-29'],
    ['<span>2022/8/29</span>', '2022-08-29'],
    ['<span>2022.08.29</span>', '2022-08-29'],
    ['<span>2022年8月29日</span>', '2022-08-29'],
    ['<span class="date">[08-29]</span>', '2022-08-29'],
    ['<em>08-29</em>', '2022-08-29'],
    ['2022-08-29', '2022-08-29'],
    ['<span>发布时间：2022-08-29 10:30</span>', '2022-08-29'],
    ['<time datetime="2022-08-29">8月29日</time>', '2022-08-29'],
  ])('reads an entry dated %s', (date, expected) => {
    const reading = read(`<ul class="list"><li><a href="/art/1.html">关于做好防汛工作的通知</a>${date}</li></ul>`);
    expect(reading.items).toEqual([
      { title: '关于做好防汛工作的通知', url: 'http://www.xf.gov.cn/art/1.html', key: 'www.xf.gov.cn/art/1.html', date: { localDate: expected, instant: null } },
    ]);
  });

  it('takes a <time datetime> over the year-less text beside it', () => {
    const reading = read(`<li><a href="/a.html">去年的防汛工作总结</a><time datetime="2021-08-01">08-01</time></li>`);
    expect(reading.items[0].date).toEqual({ localDate: '2021-08-01', instant: null });
  });

  it('keeps the instant of a <time datetime> with a time and reads its local date', () => {
    const reading = read(`<li><a href="/a.html">全县防汛抗旱工作会议召开</a><time datetime="2022-08-29T17:30:00Z">08-30</time></li>`);
    expect(reading.items[0].date).toEqual({ localDate: '2022-08-30', instant: new Date('2022-08-29T17:30:00Z') });
  });
});

describe('readDatedItems: how government list pages are laid out', () => {
  it('pairs each title with its date in a <ul>, open <li> tags included', () => {
    const body = `<ul><li><a href="1.html">县政府召开常务会议</a><span>2022-09-28</span>
      <li><a href="2.html">全县秋季农业生产工作推进会</a><span>2022-09-27</span>
      <li><a href="3.html">信丰县开展安全生产大检查</a><span>2022-09-20</span></ul>`;
    expect(dated(body)).toEqual(['县政府召开常务会议 → 2022-09-28', '全县秋季农业生产工作推进会 → 2022-09-27', '信丰县开展安全生产大检查 → 2022-09-20']);
  });

  it('reads a date printed before the title', () => {
    const body = `<ul><li><span>[09-28]</span><a href="1.html">县政府召开常务会议</a></li><li><span>[09-27]</span><a href="2.html">全县秋季农业生产工作推进会</a></li></ul>`;
    expect(dated(body)).toEqual(['县政府召开常务会议 → 2022-09-28', '全县秋季农业生产工作推进会 → 2022-09-27']);
  });

  it('reads a policy table: the title, not the issuing office beside it, dated by publication (the later date)', () => {
    const body = `<table><tr><th>序号</th><th>标题</th><th>发文机关</th><th>成文日期</th><th>发布日期</th></tr>
      <tr><td>1</td><td><a href="/zc/1.html">信丰县农村人居环境整治实施方案</a></td><td><a href="/bm/nyj/">县农业农村局</a></td><td>2022-09-01</td><td>2022-09-05</td></tr>
      <tr><td>2</td><td><a href="/zc/2.html">关于印发信丰县防汛应急预案的通知</a></td><td><a href="/bm/slj/">县水利局</a></td><td>2022-08-20</td><td>2022-08-22</td></tr></table>`;
    expect(dated(body)).toEqual(['信丰县农村人居环境整治实施方案 → 2022-09-05', '关于印发信丰县防汛应急预案的通知 → 2022-08-22']);
  });

  it('takes the link a reader can open when a longer script link shares the entry', () => {
    const body = `<ul><li><a href="javascript:void(0)" onclick="openWin()">点击打开关于开展消防安全检查工作的通知全文</a><a href="/art/9.html">关于开展消防安全检查的通知</a><span>09-26</span></li></ul>`;
    expect(dated(body)).toEqual(['关于开展消防安全检查的通知 → 2022-09-26']);
  });

  it('takes the title, not a category tag, when an entry has both', () => {
    const body = `<ul><li><a href="/col/tzgg/">[通知公告]</a><a href="/art/9.html">关于开展消防安全检查的通知</a><span>09-26</span></li></ul>`;
    expect(dated(body)).toEqual(['关于开展消防安全检查的通知 → 2022-09-26']);
  });

  it('reads flat lists separated by <br>, date after or date before', () => {
    const after = `<div class="news"><a href="1.html">县长调研重点项目建设</a> <span>09-28</span><br><a href="2.html">全县招商引资工作会召开</a> <span>09-25</span><br></div>`;
    const before = `<div class="news"><span>2022-09-28</span> <a href="1.html">县长调研重点项目建设</a><br><span>2022-09-25</span> <a href="2.html">全县招商引资工作会召开</a><br></div>`;
    expect(dated(after)).toEqual(['县长调研重点项目建设 → 2022-09-28', '全县招商引资工作会召开 → 2022-09-25']);
    expect(dated(before)).toEqual(dated(after));
  });

  it('reads entries built of nested blocks, with a summary between title and date', () => {
    const body = `<div class="list"><div class="item"><h3><a href="1.html">我县举办农民丰收节庆祝活动</a></h3>
      <p>9月23日，我县在大塘埠镇举办中国农民丰收节庆祝活动，展示特色农产品……</p><div class="info"><span>来源：县融媒体中心</span><span>2022-09-23</span></div></div></div>`;
    expect(dated(body)).toEqual(['我县举办农民丰收节庆祝活动 → 2022-09-23']);
  });

  it('reads a date inside the link and leaves it out of the title', () => {
    const body = `<ul><li><a href="1.html"><span class="t">县委理论学习中心组集体学习</span><span class="d">2022-09-21</span></a></li></ul>`;
    expect(dated(body)).toEqual(['县委理论学习中心组集体学习 → 2022-09-21']);
  });

  it('decodes entities and takes the whole title from the title attribute when the text is cut short', () => {
    const body = `<ul><li><a href="1.html">&lt;信丰县&gt;防汛&amp;抗旱&nbsp;工作 </a><span>2022-09-01</span></li>
      <li><a href="2.html" title="关于做好2022年国庆节期间安全生产工作的通知">关于做好2022年国庆节期间...</a><span>2022-09-28</span></li></ul>`;
    expect(dated(body)).toEqual(['<信丰县>防汛&抗旱 工作 → 2022-09-01', '关于做好2022年国庆节期间安全生产工作的通知 → 2022-09-28']);
  });
});

describe('readDatedItems: what is not a dated item', () => {
  it('leaves out navigation and other undated links, and counts them', () => {
    const body = `<div class="top"><a href="/">网站首页</a><a href="/zwgk/">政务公开专栏</a><a href="/hdjl/">互动交流平台</a><a href="/bsfw/">办事服务大厅</a></div>
      <ul><li><a href="/art/1.html">县政府召开常务会议</a><span>2022-09-28</span></li><li><a href="/art/2.html">一条没有日期的信息标题</a></li></ul>
      <a href="/col/ywdt/">更多&gt;&gt;</a>`;
    const reading = read(body);
    expect(reading.items.map((i) => i.title)).toEqual(['县政府召开常务会议']);
    expect(reading.undatedLinks).toBe(5);
  });

  it('does not date a menu by the date widget beside it', () => {
    const body = `<div class="header"><span>今天是2022年9月29日</span><a href="/">信丰县人民政府门户网站</a></div>
      <div class="bar"><span>2022年9月29日</span><ul><li><a href="/a/">走进信丰概况</a><li><a href="/b/">政务公开专栏</a><li><a href="/c/">政务服务大厅</a></ul></div>`;
    expect(read(body).items).toEqual([]);
  });

  it('does not read a date in the address as the item date', () => {
    const body = `<ul><li><a href="/art/2022/9/28/art_123_456.html">县政府召开常务会议</a></li><li><a href="/202209/t20220928_789.html">全县秋季农业生产工作推进会</a></li></ul>`;
    expect(read(body).items).toEqual([]);
  });

  it('does not take a date inside the title or a summary for the date of the entry', () => {
    const body = `<ul><li><a href="1.html">关于2022年9月1日起施行新规定的通知</a></li><li><a href="2.html">县政府召开常务会议</a><p>2022年9月28日上午，县政府召开常务会议</p></li></ul>`;
    expect(read(body).items).toEqual([]);
  });

  it('ignores a date after today and takes the entry date that is not', () => {
    const body = `<ul><li><a href="1.html">关于2035年远景目标的公告</a><span>2035-01-01</span></li><li><a href="2.html">县政府召开常务会议</a><span>2022-09-30</span></li>
      <li><a href="3.html">全县秋季农业生产工作推进会</a><span>2022-09-29</span></li></ul>`;
    expect(dated(body)).toEqual(['全县秋季农业生产工作推进会 → 2022-09-29']);
  });

  it('reads year-less dates in early January as last December', () => {
    const body = `<ul><li><a href="1.html">元旦假期安全生产工作部署</a><span>[01-02]</span></li><li><a href="2.html">县政府召开年终工作总结会</a><span>[12-30]</span></li></ul>`;
    expect(dated(body, { today: '2023-01-03', timeZone: 'Asia/Shanghai' })).toEqual(['元旦假期安全生产工作部署 → 2023-01-02', '县政府召开年终工作总结会 → 2022-12-30']);
  });

  it('does not pair a title with a date far away in the page', () => {
    const body = `<div><a href="1.html">县政府召开常务会议</a><div class="content">${'正文内容。'.repeat(80)}</div><span>2022-09-28</span></div>`;
    expect(read(body).items).toEqual([]);
  });

  it('ignores scripts, styles, comments, <nav>, <footer> and links that go nowhere', () => {
    const body = `<script>document.write('<li><a href="s.html">脚本生成的信息标题</a><span>2022-09-28</span></li>')</script>
      <!-- <li><a href="c.html">注释中的信息标题</a><span>2022-09-28</span></li> -->
      <nav><ul><li><a href="n.html">导航中的信息标题</a><span>2022-09-28</span></li></ul></nav>
      <footer><p><a href="/lxwm/">联系我们的方式</a> <span>更新时间：2022-09-29</span></p></footer>
      <ul><li><a href="javascript:void(0)">无法打开的信息标题</a><span>2022-09-28</span></li><li><a href="mailto:x@xf.gov.cn">写信给县长信箱</a><span>2022-09-28</span></li></ul>`;
    expect(read(body).items).toEqual([]);
  });
});

describe('readDatedItems: addresses', () => {
  it('resolves against <base href> and the page, drops the fragment and keeps one item per address', () => {
    const html = `<html><head><base href="http://www.xf.gov.cn/zwgk/"></head><body><ul>
      <li><a href="tzgg/1.html#top">关于开展消防安全检查的通知</a><span>2022-09-26</span></li>
      <li><a href="HTTP://WWW.XF.GOV.CN:80/zwgk/tzgg/1.html">关于开展消防安全检查的通知（转载）</a><span>2022-09-27</span></li>
      <li><a href="../art/2.html?id=7&amp;p=1">县政府召开常务会议</a><span>2022-09-28</span></li></ul></body></html>`;
    const reading = readDatedItems(html, 'http://www.xf.gov.cn/', CONTEXT);
    expect(reading.items.map(({ url, key, date }) => ({ url, key, date: date.localDate }))).toEqual([
      { url: 'http://www.xf.gov.cn/zwgk/tzgg/1.html', key: 'www.xf.gov.cn/zwgk/tzgg/1.html', date: '2022-09-26' },
      { url: 'http://www.xf.gov.cn/art/2.html?id=7&p=1', key: 'www.xf.gov.cn/art/2.html?id=7&p=1', date: '2022-09-28' },
    ]);
  });
});

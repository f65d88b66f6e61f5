import { FeedError, readFeed } from './feeds';

const CONTEXT = { now: new Date('2022-09-29T04:00:00Z'), timeZone: 'Asia/Shanghai' };
const FEED_URL = 'https://rsshub.example.gov.cn/weibo/user/1234567';

/** `title | url | local date | instant?` of each entry. */
function summary(text: string, feedUrl = FEED_URL) {
  const reading = readFeed(text, feedUrl, CONTEXT);
  return { ...reading, entries: reading.entries.map((e) => `${e.title} | ${e.url} | ${e.date.localDate} | ${e.date.instant?.toISOString() ?? 'day'}`) };
}

describe('readFeed: RSS 2.0 as RSSHub serves a Weibo account', () => {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" version="2.0"><channel>
  <title><![CDATA[信丰发布的微博]]></title><link>https://weibo.com/1234567/</link>
  <generator>RSSHub</generator>
  <item><title><![CDATA[【防汛】全县启动防汛IV级应急响应]]></title><description><![CDATA[<p>全县启动……</p>]]></description>
    <link>https://weibo.com/1234567/Mabc</link><guid isPermaLink="false">https://weibo.com/1234567/Mabc</guid>
    <pubDate>Wed, 28 Sep 2022 17:30:00 GMT</pubDate></item>
  <item><title>县政府召开常务会议 &amp;amp; 部署秋冬季工作</title><link>https://weibo.com/1234567/Mdef</link><pubDate>Mon, 26 Sep 2022 10:00:00 CST</pubDate></item>
  <item><description><![CDATA[转发微博：<a href="https://weibo.com/x">信丰县融媒体中心</a> 国庆假期出行提示，请广大市民朋友合理安排出行时间，注意交通安全，文明出行，共同营造良好的节日氛围。]]></description>
    <guid>https://weibo.com/1234567/Mghi</guid><pubDate>2022-09-25 08:00:00</pubDate></item>
  <item><title>一条没有日期的微博</title><link>https://weibo.com/1234567/Mjkl</link></item>
  <item><title>一条没有地址的微博</title><guid>5012345</guid><pubDate>Sun, 25 Sep 2022 00:00:00 GMT</pubDate></item>
  <item><title>明天才发布的微博</title><link>https://weibo.com/1234567/Mfut</link><pubDate>Thu, 29 Sep 2022 16:30:00 GMT</pubDate></item>
  <item><title>用 dc:date 标日期的微博</title><link>/1234567/Mdc</link><dc:date>2022-09-20</dc:date></item>
</channel></rss>`;

  it('reads every dated entry with an address, in feed order', () => {
    const reading = summary(rss);
    expect(reading.format).toBe('rss');
    expect(reading.title).toBe('信丰发布的微博');
    expect(reading.entries).toEqual([
      '【防汛】全县启动防汛IV级应急响应 | https://weibo.com/1234567/Mabc | 2022-09-29 | 2022-09-28T17:30:00.000Z',
      '县政府召开常务会议 & 部署秋冬季工作 | https://weibo.com/1234567/Mdef | 2022-09-26 | 2022-09-26T02:00:00.000Z',
      '转发微博： 信丰县融媒体中心 国庆假期出行提示，请广大市民朋友合理安排出行时间，注意交通安全，文明出行，共同营造良好的节… | https://weibo.com/1234567/Mghi | 2022-09-25 | 2022-09-25T00:00:00.000Z',
      '用 dc:date 标日期的微博 | https://rsshub.example.gov.cn/1234567/Mdc | 2022-09-20 | day',
    ]);
    // No date, no address, and dated tomorrow (local) are not evidence.
    expect(reading.skipped).toBe(3);
  });

  it('keeps one entry per address', () => {
    const twice = `<rss version="2.0"><channel><title>t</title>
      <item><title>第一次</title><link>https://weibo.com/1/M1#c</link><pubDate>Mon, 26 Sep 2022 02:00:00 GMT</pubDate></item>
      <item><title>第二次</title><link>http://weibo.com/1/M1</link><pubDate>Tue, 27 Sep 2022 02:00:00 GMT</pubDate></item></channel></rss>`;
    expect(summary(twice).entries).toEqual(['第一次 | https://weibo.com/1/M1 | 2022-09-26 | 2022-09-26T02:00:00.000Z']);
  });
});

describe('readFeed: Atom', () => {
  it('reads published, the alternate link and xml:base', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.xf.gov.cn/"><title type="html">信丰县人民政府 &lt;b&gt;要闻&lt;/b&gt;</title>
      <entry><title>县政府召开常务会议</title><link rel="enclosure" href="/img/1.jpg" type="image/jpeg"/><link rel="alternate" href="art/1.html"/>
        <published>2022-09-28T10:00:00+08:00</published><updated>2022-09-28T12:00:00+08:00</updated></entry>
      <entry><title type="html">&lt;p&gt;全县秋季农业生产工作推进会&lt;/p&gt;</title><link href="https://www.xf.gov.cn/art/2.html"/><updated>2022-09-27T09:00:00+08:00</updated></entry>
    </feed>`;
    const reading = summary(atom);
    expect(reading.format).toBe('atom');
    expect(reading.title).toBe('信丰县人民政府 要闻');
    expect(reading.entries).toEqual([
      '县政府召开常务会议 | https://www.xf.gov.cn/art/1.html | 2022-09-28 | 2022-09-28T02:00:00.000Z',
      '全县秋季农业生产工作推进会 | https://www.xf.gov.cn/art/2.html | 2022-09-27 | 2022-09-27T01:00:00.000Z',
    ]);
  });

  it('does not take RSSHub’s <updated> (the time it rendered the feed) for an entry without a date', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>信丰发布</title><generator>RSSHub</generator><updated>2022-09-29T03:59:00.000Z</updated>
      <entry><title>有发布时间的抖音视频</title><link href="https://www.douyin.com/video/1"/><published>2022-09-27T01:00:00.000Z</published><updated>2022-09-27T01:00:00.000Z</updated></entry>
      <entry><title>没有发布时间的抖音视频</title><link href="https://www.douyin.com/video/2"/><updated>2022-09-29T03:59:00.000Z</updated></entry>
    </feed>`;
    const reading = summary(atom);
    expect(reading.entries).toEqual(['有发布时间的抖音视频 | https://www.douyin.com/video/1 | 2022-09-27 | 2022-09-27T01:00:00.000Z']);
    expect(reading.skipped).toBe(1);
  });
});

describe('readFeed: JSON Feed', () => {
  it('reads date_published (else date_modified), url, and a title from the text when there is none', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: '信丰发布 - 今日头条',
      items: [
        { id: 'https://www.toutiao.com/article/1/', url: 'https://www.toutiao.com/article/1/', title: '信丰脐橙开始预售', date_published: '2022-09-28T09:00:00+08:00' },
        { id: '7148', content_text: '国庆假期出行提示', url: '/article/2/', date_modified: '2022-09-26' },
        { id: 'https://www.toutiao.com/article/3/', content_html: '<p>只有 id 的文章</p>', date_published: 'Mon, 26 Sep 2022 02:00:00 GMT' },
        { id: '7150', title: '没有地址的文章', date_published: '2022-09-25T09:00:00+08:00' },
        { id: 'https://www.toutiao.com/article/5/', title: '没有日期的文章' },
      ],
    });
    const reading = summary(json, 'https://rsshub.example.gov.cn/toutiao/user/99.json');
    expect(reading.format).toBe('json');
    expect(reading.title).toBe('信丰发布 - 今日头条');
    expect(reading.entries).toEqual([
      '信丰脐橙开始预售 | https://www.toutiao.com/article/1/ | 2022-09-28 | 2022-09-28T01:00:00.000Z',
      '国庆假期出行提示 | https://rsshub.example.gov.cn/article/2/ | 2022-09-26 | day',
      '只有 id 的文章 | https://www.toutiao.com/article/3/ | 2022-09-26 | 2022-09-26T02:00:00.000Z',
    ]);
    expect(reading.skipped).toBe(2);
  });
});

describe('readFeed: RSS 1.0 (RDF)', () => {
  it('reads items with dc:date and rdf:about', () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://www.xf.gov.cn/"><title>信丰县政务公开</title></channel>
      <item rdf:about="https://www.xf.gov.cn/zwgk/1.html"><title>信丰县2022年政府信息公开工作要点</title><dc:date>2022-09-20T08:00:00+08:00</dc:date></item>
    </rdf:RDF>`;
    const reading = summary(rdf);
    expect(reading.format).toBe('rdf');
    expect(reading.entries).toEqual(['信丰县2022年政府信息公开工作要点 | https://www.xf.gov.cn/zwgk/1.html | 2022-09-20 | 2022-09-20T00:00:00.000Z']);
  });
});

describe('readFeed: not a feed', () => {
  it.each([
    ['<html><body><p>502 Bad Gateway</p></body></html>', '不是 RSS、Atom 或 JSON Feed 订阅源'],
    ['{"error": "route not found"}', '订阅源不是 JSON Feed（缺少 version 或 items）'],
    ['{ not json', '订阅源不是有效的 JSON'],
  ])('refuses %p with a Chinese reason', (body, message) => {
    expect(() => readFeed(body, FEED_URL, CONTEXT)).toThrow(new FeedError(message));
  });

  it('reads an empty feed as no entries', () => {
    expect(readFeed('<rss version="2.0"><channel><title>空</title></channel></rss>', FEED_URL, CONTEXT)).toEqual({ format: 'rss', title: '空', entries: [], skipped: 0 });
  });
});

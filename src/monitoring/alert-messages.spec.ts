import { duration, outageMessage } from './alert-messages';

const SUBJECT = { unit: '信丰县人民政府', channel: '信丰县人民政府门户网站', url: 'http://www.xinfeng.gov.cn/', timeZone: 'Asia/Shanghai' };
const STARTED = new Date('2022-09-29T01:00:00Z'); // 09:00 local

describe('outageMessage', () => {
  it('says when the site went down, how often it failed and what to do, in Chinese', () => {
    const message = outageMessage(
      { kind: 'site_down', at: new Date('2022-09-29T03:00:00Z'), outageStartedAt: STARTED, failures: 3 },
      { ...SUBJECT, lastError: '连接被拒绝（ECONNREFUSED）' },
    );
    expect(message).toEqual({
      kind: 'site_down',
      unit: '信丰县人民政府',
      channel: '信丰县人民政府门户网站',
      title: '【网站无法访问】信丰县人民政府门户网站',
      lines: [
        '网址：http://www.xinfeng.gov.cn/',
        '自 2022年9月29日 09:00 起连续 3 次访问失败。',
        '最近一次：连接被拒绝（ECONNREFUSED）',
        '首页无法访问是政府网站检查的单项否决项，请尽快排查恢复。',
      ],
      at: new Date('2022-09-29T03:00:00Z'),
    });
  });

  it('says when the site came back and how long it was down', () => {
    const message = outageMessage({ kind: 'site_up', at: new Date('2022-09-29T03:25:00Z'), outageStartedAt: STARTED, downMs: 145 * 60_000 }, SUBJECT);
    expect(message.title).toBe('【网站已恢复】信丰县人民政府门户网站');
    expect(message.lines).toEqual(['网址：http://www.xinfeng.gov.cn/', '2022年9月29日 11:25 恢复访问，自 2022年9月29日 09:00 起中断约 2小时25分钟。']);
  });
});

describe('duration', () => {
  it.each([
    [30_000, '不到1分钟'],
    [45 * 60_000, '45分钟'],
    [2 * 3_600_000, '2小时'],
    [26 * 3_600_000 + 5 * 60_000, '1天2小时5分钟'],
  ])('%d ms reads %s', (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});

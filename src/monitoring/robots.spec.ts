import { webcrypto } from 'node:crypto';
import { buildRobotRequest, dingtalkSign, feishuSign, readRobotAnswer, RobotMessage } from './robots';

const NOW = new Date(1664416800000); // 2022-09-29 10:00 +08:00
const MESSAGE: RobotMessage = {
  kind: 'site_down',
  unit: '信丰县人民政府',
  channel: '信丰县人民政府门户网站',
  title: '【网站无法访问】信丰县人民政府门户网站',
  lines: ['网址：http://www.xinfeng.gov.cn/', '自 2022年9月29日 09:00 起连续 3 次访问失败。'],
  at: new Date('2022-09-29T01:00:00Z'),
};

// Reference signatures computed outside this code base, with Python's hmac module:
//   base64.b64encode(hmac.new(secret, f"{ts}\n{secret}", sha256))        (DingTalk)
//   base64.b64encode(hmac.new(f"{ts}\n{secret}", b"", sha256))           (Feishu)
const DINGTALK_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
const DINGTALK_SIGN = '9wfH9OmUPFPINdN2DSBNIRCAwRrpa8pAqNaa+SZZMgU=';
const FEISHU_SECRET = '3kHdKzQ9hQhFJGqyUPeYxc';
const FEISHU_SIGN = 'c4kmjN/uuo9u3qgkJ7TtOY4zRecFFBDKP4fmF6O5FY8=';

/** HMAC-SHA256 through WebCrypto, a second implementation to check against. */
async function hmacBase64(key: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const cryptoKey = await webcrypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return Buffer.from(await webcrypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message))).toString('base64');
}

describe('WeCom group robot', () => {
  it('posts markdown naming the unit and the site to the webhook as given', () => {
    const request = buildRobotRequest({ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx' }, MESSAGE, NOW);
    expect(request).toMatchObject({ method: 'POST', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx', headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(JSON.parse(request.body)).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: '**【网站无法访问】信丰县人民政府门户网站**\n> 单位：信丰县人民政府\n> 载体：信丰县人民政府门户网站\n\n网址：http://www.xinfeng.gov.cn/\n自 2022年9月29日 09:00 起连续 3 次访问失败。',
      },
    });
  });

  it('cuts a message over 4096 bytes on a character boundary and says so', () => {
    const long = { ...MESSAGE, lines: Array.from({ length: 400 }, (_, i) => `失效链接 ${i}：http://www.xinfeng.gov.cn/art/${i}.html`) };
    const content: string = JSON.parse(buildRobotRequest({ kind: 'wecom', url: 'https://qyapi.weixin.qq.com/x' }, long, NOW).body).markdown.content;
    expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(content.endsWith('……（内容过长，已截断）')).toBe(true);
    expect(content).not.toContain('\uFFFD');
  });
});

describe('DingTalk custom robot', () => {
  it('signs with HMAC-SHA256(secret, "<timestamp ms>\\n<secret>") as the reference computes it', async () => {
    expect(dingtalkSign(DINGTALK_SECRET, NOW.getTime())).toBe(DINGTALK_SIGN);
    expect(dingtalkSign(DINGTALK_SECRET, NOW.getTime())).toBe(await hmacBase64(DINGTALK_SECRET, `${NOW.getTime()}\n${DINGTALK_SECRET}`));
  });

  it('adds timestamp and the URL-encoded sign to the webhook and posts markdown with a title', () => {
    const request = buildRobotRequest({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123', secret: DINGTALK_SECRET }, MESSAGE, NOW);
    // The raw query must carry "+" and "=" percent-encoded: a literal "+" would reach DingTalk as a space.
    expect(request.url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1664416800000&sign=9wfH9OmUPFPINdN2DSBNIRCAwRrpa8pAqNaa%2BSZZMgU%3D`);
    const body = JSON.parse(request.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('【网站无法访问】信丰县人民政府门户网站');
    expect(body.markdown.text).toContain('> 单位：信丰县人民政府');
  });

  it('verifies as DingTalk does: recompute from the query timestamp and compare', async () => {
    const request = buildRobotRequest({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=t', secret: DINGTALK_SECRET }, MESSAGE, new Date(1700000000123));
    const query = new URL(request.url).searchParams;
    expect(query.get('timestamp')).toBe('1700000000123');
    expect(query.get('sign')).toBe(await hmacBase64(DINGTALK_SECRET, `1700000000123\n${DINGTALK_SECRET}`));
  });

  it('sends no signature without a secret', () => {
    const request = buildRobotRequest({ kind: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=abc123' }, MESSAGE, NOW);
    expect(request.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc123');
  });
});

describe('Feishu custom bot', () => {
  it('signs with HMAC-SHA256(key = "<timestamp s>\\n<secret>", empty message) as the reference computes it', async () => {
    expect(feishuSign(FEISHU_SECRET, 1664416800)).toBe(FEISHU_SIGN);
    expect(feishuSign(FEISHU_SECRET, 1664416800)).toBe(await hmacBase64(`1664416800\n${FEISHU_SECRET}`, ''));
  });

  it('posts text with timestamp (seconds) and sign in the body', () => {
    const request = buildRobotRequest({ kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/xyz', secret: FEISHU_SECRET }, MESSAGE, NOW);
    expect(request.url).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/xyz');
    expect(JSON.parse(request.body)).toEqual({
      timestamp: '1664416800',
      sign: FEISHU_SIGN,
      msg_type: 'text',
      content: { text: '【网站无法访问】信丰县人民政府门户网站\n单位：信丰县人民政府\n载体：信丰县人民政府门户网站\n网址：http://www.xinfeng.gov.cn/\n自 2022年9月29日 09:00 起连续 3 次访问失败。' },
    });
  });

  it('posts text alone without a secret', () => {
    const body = JSON.parse(buildRobotRequest({ kind: 'feishu', url: 'https://open.feishu.cn/open-apis/bot/v2/hook/xyz' }, MESSAGE, NOW).body);
    expect(Object.keys(body)).toEqual(['msg_type', 'content']);
  });
});

describe('generic webhook', () => {
  it('posts {kind, unit, channel, text, at}', () => {
    const request = buildRobotRequest({ kind: 'webhook', url: 'https://ops.example.gov.cn/hooks/duban' }, MESSAGE, NOW);
    expect(JSON.parse(request.body)).toEqual({
      kind: 'site_down',
      unit: '信丰县人民政府',
      channel: '信丰县人民政府门户网站',
      text: '【网站无法访问】信丰县人民政府门户网站\n单位：信丰县人民政府\n载体：信丰县人民政府门户网站\n网址：http://www.xinfeng.gov.cn/\n自 2022年9月29日 09:00 起连续 3 次访问失败。',
      at: '2022-09-29T01:00:00.000Z',
    });
  });
});

describe('readRobotAnswer', () => {
  it.each([
    ['wecom', 200, '{"errcode":0,"errmsg":"ok"}', { ok: true }],
    ['wecom', 200, '{"errcode":45009,"errmsg":"api freq out of limit"}', { ok: false, retry: true, reason: '错误码 45009：api freq out of limit' }],
    ['wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', { ok: false, retry: false, reason: '错误码 93000：invalid webhook url' }],
    ['dingtalk', 200, '{"errcode":0,"errmsg":"ok"}', { ok: true }],
    ['dingtalk', 200, '{"errcode":130101,"errmsg":"send too fast"}', { ok: false, retry: true, reason: '错误码 130101：send too fast' }],
    ['dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}', { ok: false, retry: false, reason: '错误码 310000：sign not match' }],
    ['feishu', 200, '{"code":0,"msg":"success","data":{}}', { ok: true }],
    ['feishu', 200, '{"StatusCode":0,"StatusMessage":"success"}', { ok: true }],
    ['feishu', 200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}', { ok: false, retry: false, reason: '错误码 19021：sign match fail or timestamp is not within one hour from current time' }],
    ['feishu', 200, '{"code":11232,"msg":"frequency limited"}', { ok: false, retry: true, reason: '错误码 11232：frequency limited' }],
    ['wecom', 502, '<html>Bad Gateway</html>', { ok: false, retry: true, reason: 'HTTP 502，应答无法识别：<html>Bad Gateway</html>' }],
    ['dingtalk', 404, '', { ok: false, retry: false, reason: 'HTTP 404，应答无法识别' }],
    ['webhook', 204, '', { ok: true }],
    ['webhook', 429, 'slow down', { ok: false, retry: true, reason: 'HTTP 429' }],
    ['webhook', 400, 'bad', { ok: false, retry: false, reason: 'HTTP 400' }],
  ] as const)('%s answering %d %s', (kind, status, body, answer) => {
    expect(readRobotAnswer(kind, status, body)).toEqual(answer);
  });
});

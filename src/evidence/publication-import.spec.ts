import * as iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { EvidenceError } from './evidence.errors';
import { importPublicationCsv, ImportSink } from './publication-import';
import { PublicationRow } from './publication-rows';

function sink(inserted: PublicationRow[][], channels: Record<string, { id: number; writable: boolean }> = { W1: { id: 1, writable: true }, X9: { id: 9, writable: false } }): ImportSink {
  const seen = new Set<string>();
  return {
    timeZone: 'Asia/Shanghai',
    maxBytes: 1024 * 1024,
    resolveChannels: async (codes) => new Map(codes.filter((c) => channels[c]).map((c) => [c, channels[c]])),
    insert: async (rows) => {
      inserted.push(rows);
      let n = 0;
      for (const r of rows) {
        const key = `${r[0]}|${r[6]}`;
        if (r[6] === null || !seen.has(key)) n++;
        seen.add(key);
      }
      return n;
    },
  };
}

const chunks = (text: string | Buffer, size = 7) => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
};

describe('importPublicationCsv', () => {
  it('numbers lines as a spreadsheet shows them, across blank lines and quoted line breaks', async () => {
    const csv = 'channel_code,published_at,title,url,external_id\r\nW1,2022-10-01 10:00,"两行\r\n标题",,a\r\n\r\nW1,nope,x,,b\r\nX9,2022-10-01 10:00,x,,c\r\nW1,2022-10-01 23:30,x,,a\r\n';
    const inserted: PublicationRow[][] = [];
    const result = await importPublicationCsv(chunks(csv), sink(inserted));
    expect(result).toMatchObject({ rows: 4, accepted: 1, duplicates: 1, rejected: 2 });
    expect(result.errors).toEqual([expect.stringMatching(/^第 5 行：published_at/), '第 6 行：channel_code X9 不存在或不在您的管理范围内']);
    expect(inserted.flat()[0]).toEqual([1, '2022-10-01T02:00:00.000', '2022-10-01', '两行\r\n标题', null, 'a', 'e:a']);
  });

  it('detects GB18030 even when a character is split across chunks', async () => {
    const csv = iconv.encode('channel_code,published_at,title\nW1,2022-10-01 10:00,关于国庆节值班的通知\n', 'gb18030');
    const inserted: PublicationRow[][] = [];
    const result = await importPublicationCsv(chunks(csv, 5), sink(inserted));
    expect(result.encoding).toBe('gb18030');
    expect(inserted.flat()[0][3]).toBe('关于国庆节值班的通知');
  });

  it('keeps only the first 1,000 messages but counts every rejected row', async () => {
    const lines = ['channel_code,published_at'];
    for (let i = 0; i < 1500; i++) lines.push('W1,bad');
    const result = await importPublicationCsv(chunks(lines.join('\n'), 4096), sink([]));
    expect(result.rejected).toBe(1500);
    expect(result.errors).toHaveLength(1000);
  });

  it('refuses a bad header and an empty file before writing anything', async () => {
    const inserted: PublicationRow[][] = [];
    await expect(importPublicationCsv(chunks('code,when\nW1,2022-10-01\n'), sink(inserted))).rejects.toThrow(EvidenceError);
    await expect(importPublicationCsv(chunks(''), sink(inserted))).rejects.toThrow('文件为空');
    expect(inserted).toHaveLength(0);
  });

  it('refuses a file larger than the limit', async () => {
    const big = `channel_code,published_at\n${'W1,2022-10-01 10:00\n'.repeat(60_000)}`;
    await expect(importPublicationCsv(chunks(big, 64 * 1024), sink([]))).rejects.toMatchObject({ code: 'EVIDENCE_FILE_TOO_LARGE' });
  });
});

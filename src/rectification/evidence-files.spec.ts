import { cleanFileName, contentDisposition, evidenceRelativePath, sha256Of, sniffEvidenceType } from './evidence-files';

describe('evidence files', () => {
  it.each([
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['PDF', Buffer.from('%PDF-1.7\n...'), 'application/pdf'],
    ['Windows executable', Buffer.from('MZ\x90\x00\x03'), null],
    ['text', Buffer.from('hello, this is not an image'), null],
    ['truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e]), null],
    ['empty', Buffer.alloc(0), null],
  ])('%s → %s', (_name, content, expected) => {
    expect(sniffEvidenceType(content)).toBe(expected);
  });

  it('keeps the name but gives it the extension of its real type, without directories', () => {
    expect(cleanFileName('../../etc/截图.png', 'application/pdf')).toBe('截图.pdf');
    expect(cleanFileName('C:\\x\\photo.JPG', 'image/jpeg')).toBe('photo.jpg');
    expect(cleanFileName('', 'image/png')).toBe('evidence.png');
    expect(cleanFileName('a"b\u0000.png', 'image/png')).toBe('ab.png');
  });

  it('stores content under its SHA-256', () => {
    const sha = sha256Of(Buffer.from('abc'));
    expect(sha).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(evidenceRelativePath(sha)).toBe(`evidence/ba/78/${sha}`);
  });

  it('names the download in ASCII and in UTF-8', () => {
    expect(contentDisposition('整改截图.png')).toBe(`attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('整改截图.png')}`);
  });
});

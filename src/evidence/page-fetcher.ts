import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import { isBlockedAddress } from './address-policy';
import { decodePage } from './page-decoding';

export interface PageFetchOptions {
  /** The whole fetch, redirects included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** LINK_CHECK_ALLOW_PRIVATE: tests and intranet deployments only. */
  allowPrivate: boolean;
}

export const DEFAULT_PAGE_FETCH_OPTIONS: Omit<PageFetchOptions, 'allowPrivate'> = { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxRedirects: 3 };

/** Why a page could not be read; the message is shown to the user and stored with the check. */
export class PageFetchError extends Error {}

export interface FetchedPage {
  /** Where the page was found after redirects: relative links resolve against it. */
  finalUrl: string;
  html: string;
  charset: string;
}

function checkedLookup(hostname: string, options: { all?: boolean }, callback: (...args: any[]) => void): void {
  dnsLookup(hostname, { all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error);
    const blocked = addresses.find((a) => isBlockedAddress(a.address));
    if (blocked || !addresses.length) {
      return callback(new PageFetchError(`拒绝访问内网或保留地址：${hostname} 解析为 ${blocked?.address ?? '空'}`));
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/**
 * Reads one web page for the link check: http(s) only, at most `maxRedirects` redirects, each
 * target checked again; at most `maxBytes` (the download is abandoned beyond); the whole
 * fetch within `timeoutMs`; decoded as page-decoding.ts says (BOM, header, declaration, bytes).
 */
export async function fetchPage(address: string, options: PageFetchOptions): Promise<FetchedPage> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let current = address;
    for (let redirects = 0; ; redirects++) {
      const url = checkAddress(current, options);
      const response = await request(url, options, controller.signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (redirects >= options.maxRedirects) throw new PageFetchError(`重定向超过 ${options.maxRedirects} 次：${address}`);
        current = new URL(response.headers.location, url).toString();
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new PageFetchError(`页面返回 HTTP ${status}：${current}`);
      }
      const body = await readLimited(response, options.maxBytes, current);
      const { text, charset } = decodePage(body, String(response.headers['content-type'] ?? ''));
      return { finalUrl: url.toString(), html: text, charset };
    }
  } catch (error) {
    if (controller.signal.aborted) throw new PageFetchError(`读取页面超时（${Math.round(options.timeoutMs / 1000)} 秒）：${address}`);
    if (error instanceof PageFetchError) throw error;
    throw new PageFetchError(`无法读取页面 ${address}：${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
}

function checkAddress(address: string, options: PageFetchOptions): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new PageFetchError(`网址无效：${address}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PageFetchError(`只能检查 http 或 https 网址：${address}`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && isIP(host) && isBlockedAddress(host)) throw new PageFetchError(`拒绝访问内网或保留地址：${host}`);
  return url;
}

function request(url: URL, options: PageFetchOptions, signal: AbortSignal): Promise<http.IncomingMessage> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'GET',
        signal,
        headers: { 'User-Agent': 'Duban-LinkCheck/1.0', Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'Accept-Encoding': 'identity' },
        ...(options.allowPrivate ? {} : { lookup: checkedLookup as never }),
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

function readLimited(response: http.IncomingMessage, maxBytes: number, address: string): Promise<Buffer> {
  const tooLarge = () => new PageFetchError(`页面超过 ${Math.round(maxBytes / 1024 / 1024)} MB，未读取：${address}`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (!settled) reject(error);
      settled = true;
    };
    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > maxBytes) {
        fail(tooLarge());
        response.destroy();
        return;
      }
      chunks.push(chunk);
    });
    response.on('end', () => {
      if (!settled) resolve(Buffer.concat(chunks));
      settled = true;
    });
    response.on('error', fail);
    response.on('aborted', () => fail(new PageFetchError(`连接中断：${address}`)));
  });
}

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { extractLinks } from './html-links';
import { DEFAULT_PAGE_FETCH_OPTIONS, fetchPage, PageFetchError, PageFetchOptions } from './page-fetcher';
import { normaliseUrl } from './url-normalise';

/** How many of a document's interpretations one check reads (newest first). */
const MAX_INTERPRETATIONS = 5;

export interface LinkCheckOutcome {
  documentLinksToInterpretation: boolean;
  interpretationLinksToDocument: boolean;
  /** One interpretation and the document link to each other. */
  verified: boolean;
  error: string | null;
}

interface ReadPage {
  /** The registered address and where it ended up after redirects, normalised. */
  keys: Set<string>;
  /** Every link on the page, resolved and normalised. */
  links: Set<string>;
}

/**
 * Whether a policy document's page and its interpretation's page link to each other
 * (DESIGN.md requirement 6: 政策文件和政策解读做好互链).
 */
@Injectable()
export class LinkChecker {
  readonly options: PageFetchOptions;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.options = { ...DEFAULT_PAGE_FETCH_OPTIONS, allowPrivate: config.linkCheckAllowPrivate };
  }

  async check(documentUrl: string, interpretationUrls: string[]): Promise<LinkCheckOutcome> {
    const errors: string[] = [];
    const read = async (url: string): Promise<ReadPage | null> => {
      try {
        const page = await fetchPage(url, this.options);
        const { base, hrefs } = extractLinks(page.html);
        const baseUrl = (base && safeResolve(base, page.finalUrl)) || page.finalUrl;
        const links = new Set<string>();
        for (const href of hrefs) {
          const key = normaliseUrl(href, baseUrl);
          if (key) links.add(key);
        }
        return { keys: keysOf(url, page.finalUrl), links };
      } catch (error) {
        errors.push(error instanceof PageFetchError ? error.message : `无法读取页面 ${url}：${(error as Error).message}`);
        return null;
      }
    };

    const candidates = interpretationUrls.slice(0, MAX_INTERPRETATIONS);
    const [document, ...interpretations] = await Promise.all([read(documentUrl), ...candidates.map(read)]);
    const documentKeys = document?.keys ?? keysOf(documentUrl);
    let toInterpretation = false;
    let toDocument = false;
    let verified = false;
    candidates.forEach((url, i) => {
      const page = interpretations[i];
      const there = [...(page?.keys ?? keysOf(url))].some((key) => document?.links.has(key));
      const back = !!page && [...documentKeys].some((key) => page.links.has(key));
      toInterpretation ||= there;
      toDocument ||= back;
      verified ||= there && back;
    });
    return { documentLinksToInterpretation: toInterpretation, interpretationLinksToDocument: toDocument, verified, error: errors.length ? errors.join('；') : null };
  }
}

function keysOf(...urls: string[]): Set<string> {
  return new Set(urls.map((u) => normaliseUrl(u)).filter((k): k is string => k !== null));
}

function safeResolve(href: string, base: string): string | null {
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}

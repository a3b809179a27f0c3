/**
 * Images between dialects: OpenAI carries base64 images as `data:` URLs, the others as a media
 * type plus base64 data; Gemini wants a media type even for a URL.
 */
import { lookup } from './lookup.js';
import type { IRImageSource } from './request.js';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** An OpenAI image URL as an IR source: `data:<type>;base64,<data>` becomes base64. */
export function imageSourceFromUrl(url: string): IRImageSource {
  const match = DATA_URL.exec(url);
  if (match) return { kind: 'base64', mediaType: match[1] ?? '', data: match[2] ?? '' };
  return { kind: 'url', url };
}

/** An IR source as an OpenAI image URL (base64 becomes a `data:` URL). */
export function imageSourceToUrl(source: IRImageSource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

/** Image media types by file extension (the formats the providers accept). */
const IMAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
};

/**
 * The media type of an image URL from its file extension (query and fragment ignored), or
 * `undefined` when the path does not end in a known image extension.
 *
 * @example
 * guessImageMediaType('https://example.com/cat.JPG?size=2') // 'image/jpeg'
 */
export function guessImageMediaType(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  return lookup(IMAGE_EXTENSIONS, extension);
}

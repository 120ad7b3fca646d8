/**
 * A lesson in a link: `lesson=<id>` names a built-in one; `lesson=~<packed>` carries a whole
 * lesson, its JSON deflated and written in base64url, so a teacher can paste one link into a
 * chat. A lesson too big for a link (store/url/codecs.ts: LESSON_LINK_MAX) is shared as a file.
 */
import type { Lesson } from '../config/lesson';
import { LESSON_LINK_MAX } from '../store/url/codecs';
import { BUILTIN_LESSONS } from './builtin';
import { LESSON_BYTES_MAX, type LessonRead, readLessonText } from './read';

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream) {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

/** The link value of `lesson`, or null when it is too big for a link. */
export async function packLesson(lesson: Lesson): Promise<string | null> {
  const json = new TextEncoder().encode(JSON.stringify(lesson));
  const packed = `~${toBase64Url(await through(json, new CompressionStream('deflate-raw')))}`;
  return packed.length <= LESSON_LINK_MAX + 1 ? packed : null;
}

/** Unpacks at most this many bytes: a lesson file's limit (a deflate bomb stops there). */
async function inflate(bytes: Uint8Array): Promise<string> {
  const reader = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'))
    .getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > LESSON_BYTES_MAX) {
      await reader.cancel();
      throw new Error(`it unpacks to more than ${LESSON_BYTES_MAX / 1024} kB`);
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) all.set(p, (at += p.length) - p.length);
  return new TextDecoder('utf-8', { fatal: true }).decode(all);
}

export function builtinLesson(id: string): Lesson | null {
  return BUILTIN_LESSONS.find((b) => b.id === id)?.lesson ?? null;
}

/** Reads the lesson a link's `lesson` value names; never throws. */
export async function readLessonRef(ref: string): Promise<LessonRead> {
  if (!ref.startsWith('~')) {
    const lesson = builtinLesson(ref);
    if (lesson) return { ok: true, lesson };
    const ids = BUILTIN_LESSONS.map((b) => b.id).join(', ');
    return { ok: false, error: `there is no built-in lesson "${ref}" (there are: ${ids})` };
  }
  let text: string;
  try {
    text = await inflate(fromBase64Url(ref.slice(1)));
  } catch (e) {
    const why = e instanceof Error && e.message.startsWith('it ') ? e.message : 'damaged';
    return { ok: false, error: `the lesson in the link could not be unpacked (${why})` };
  }
  return readLessonText(text);
}

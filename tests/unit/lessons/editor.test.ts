/**
 * The teacher's side of lessons: the editor's draft (record → export → import gives the same
 * steps), a lesson packed into a link and read back (and damaged or oversized links refused),
 * the `lesson` and `lstep` link keys, and progress kept in (a stand-in for) localStorage.
 */
import { deflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import type { ExperimentQuestion, Lesson, PointQuestion } from '../../../src/config/lesson';
import {
  deleteStep,
  exportDraft,
  fileNameFor,
  loadDraft,
  moveStep,
  newDraft,
  questionOf,
  recordStep,
  saveDraft,
  updateStep,
} from '../../../src/lessons/draft';
import { packLesson, readLessonRef } from '../../../src/lessons/link';
import {
  loadProgress,
  progressKey,
  resetProgress,
  saveProgress,
  scoreOf,
} from '../../../src/lessons/progress';
import { readLessonText } from '../../../src/lessons/read';
import { stateToView, viewToState } from '../../../src/lessons/viewState';
import { useLesson } from '../../../src/store/lesson';
import { LESSON_LINK_MAX } from '../../../src/store/url/codecs';
import { parseHash, serializeState } from '../../../src/store/url/hash';
import { DEFAULT_URL_STATE, cloneState } from '../../../src/store/url/state';
import { applyLessonLink } from '../../../src/store/url/stores';

/** localStorage as the browser has it, for Node. */
class MemoryStorage {
  private items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, String(v));
  removeItem = (k: string) => void this.items.delete(k);
  clear = () => this.items.clear();
}
const storage = new MemoryStorage();
Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
beforeEach(() => storage.clear());

/** The page's state as a link would make it, written as a step's view. */
function pageView(hash: string) {
  return stateToView(parseHash(hash).state);
}

function threeStepDraft(): Lesson {
  let d = newDraft();
  d = { ...d, title: 'Gates at work', level: 'intermediate' };
  d = recordStep(d, pageView('cell=lstm&H=8&t=5'));
  d = recordStep(d, pageView('cell=gru&task=copy&seed=3&unit=2'));
  d = recordStep(d, pageView('cell=elman&scale=1.5&view=compare'));
  d = updateStep(d, 0, { title: 'The forget gate', text: 'Watch the forget gate.' });
  d = updateStep(d, 1, {
    title: 'Which step?',
    text: 'Find it.',
    ask: { ...(questionOf('point', 'Where is h largest?') as PointQuestion), tolerance: 1 },
    reveal: ['traces'],
    focus: 'heatmaps',
  });
  d = updateStep(d, 2, {
    title: 'Race',
    text: 'Predict, then train.',
    ask: { ...(questionOf('experiment', 'Which cell wins?') as ExperimentQuestion), train: 50 },
  });
  return d;
}

describe('the lesson editor', () => {
  it('records the page as views that mean the same state again', () => {
    for (const hash of ['cell=lstm&H=8&t=5', 'cell=gru&gru=keras&clamp=update&clampv=0.2', '']) {
      const state = parseHash(hash).state;
      const back = viewToState(stateToView(state));
      expect(serializeState(back)).toBe(serializeState(state));
    }
  });

  it('leaves the page keys (lesson, tour, backend…) out of a recorded view', () => {
    const s = cloneState(DEFAULT_URL_STATE);
    Object.assign(s, { lesson: 'elman', lessonStep: 2, tourStep: 1, backend: 'cpu' });
    s.config = { ...DEFAULT_CONFIG, cell: 'gru' };
    expect(stateToView(s)).toEqual({ cell: 'gru' });
  });

  it('round-trips: record → export → import gives the same steps', () => {
    const d = threeStepDraft();
    const out = exportDraft(d);
    if (!out.ok) throw new Error(out.error);
    const back = readLessonText(out.text);
    if (!back.ok) throw new Error(back.error);
    expect(back.lesson).toEqual(JSON.parse(JSON.stringify(d)));
    expect(back.lesson.steps.map((s) => s.view)).toEqual(d.steps.map((s) => s.view));
    expect(fileNameFor(d)).toBe('gates-at-work.lesson.json');
  });

  it('refuses to export a draft the reader would refuse, and says where', () => {
    const d = updateStep(threeStepDraft(), 0, { text: '' });
    const out = exportDraft(d);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatch(/^steps\[0\]\.text: must not be empty/);
    expect(exportDraft(newDraft()).ok).toBe(false); // no steps yet
  });

  it('reorders and deletes steps, and clears a field set to undefined', () => {
    const d = threeStepDraft();
    expect(moveStep(d, 0, 1).steps.map((s) => s.title)).toEqual([
      'Which step?',
      'The forget gate',
      'Race',
    ]);
    expect(moveStep(d, 0, -1)).toBe(d);
    expect(deleteStep(d, 1).steps).toHaveLength(2);
    const cleared = updateStep(d, 1, { ask: undefined, reveal: undefined });
    expect(cleared.steps[1]).not.toHaveProperty('ask');
    expect(cleared.steps[1]).not.toHaveProperty('reveal');
  });

  it('keeps an unfinished draft across a reload, and drops a broken one', () => {
    const d = recordStep(newDraft(), { cell: 'gru' }); // its text is still empty
    saveDraft(d);
    expect(loadDraft()).toEqual(d);
    storage.setItem('gatescope.lesson-draft/1', '{"format":"gatescope.lesson/1","steps":[1]}');
    expect(loadDraft()).toEqual(newDraft());
    storage.setItem('gatescope.lesson-draft/1', 'not json');
    expect(loadDraft()).toEqual(newDraft());
  });
});

describe('a lesson in a link', () => {
  it('packs a lesson and reads it back unchanged', async () => {
    const d = threeStepDraft();
    const packed = await packLesson(d);
    expect(packed).toMatch(/^~[A-Za-z0-9_-]+$/);
    const read = await readLessonRef(packed!);
    expect(read).toEqual({ ok: true, lesson: JSON.parse(JSON.stringify(d)) });
    // and the link key carries it
    const s = parseHash(`lesson=${packed}&lstep=3`);
    expect(s.issues).toEqual([]);
    expect(s.state.lesson).toBe(packed);
    expect(s.state.lessonStep).toBe(2);
    expect(serializeState(s.state)).toBe(`lesson=${packed}&lstep=3`);
  });

  it('says a lesson is too big for a link instead of making one', async () => {
    let d = threeStepDraft();
    // Text that does not compress: random letters.
    let seed = 7;
    const noise = () =>
      Array.from({ length: 1400 }, () => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return String.fromCharCode(97 + (seed % 26));
      }).join('');
    for (let i = 0; i < 8; i++) d = updateStep(recordStep(d, {}), 3 + i, { text: noise() });
    expect(readLessonText(JSON.stringify(d)).ok).toBe(true);
    expect(await packLesson(d)).toBeNull();
    expect(parseHash(`lesson=~${'A'.repeat(LESSON_LINK_MAX + 1)}`).issues[0]?.reason).toMatch(
      /at most/,
    );
  });

  it('refuses damaged, non-lesson and bomb links with one line', async () => {
    const b64 = (bytes: Uint8Array) =>
      `~${Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    const cases = [
      '~AAAA',
      '~' + 'z'.repeat(40),
      b64(deflateRawSync(Buffer.from('{"hello": 1}'))),
      b64(deflateRawSync(Buffer.from('not json'))),
      b64(deflateRawSync(Buffer.alloc(2_000_000, 32))), // unpacks to 2 MB of spaces
      'no-such-lesson',
    ];
    for (const ref of cases) {
      const read = await readLessonRef(ref);
      expect(read.ok, ref.slice(0, 30)).toBe(false);
      if (!read.ok) {
        expect(read.error).not.toMatch(/\n/);
        expect(read.error.length).toBeLessThan(300);
      }
    }
    const bomb = await readLessonRef(cases[4]!);
    expect(!bomb.ok && bomb.error).toMatch(/more than 256 kB/);
  });

  it('reads the link keys strictly and opens the lesson store from them', () => {
    expect(parseHash('lesson=Elman').state.lesson).toBe('elman');
    expect(parseHash('lesson=a b').issues[0]?.reason).toMatch(/not a lesson name/);
    expect(parseHash('lesson=~a+b').issues[0]?.reason).toMatch(/not an embedded lesson/);
    expect(parseHash('lesson=elman&lstep=99').state.lessonStep).toBe(39);
    // lstep means nothing without a lesson, so it is not written
    const s = cloneState(DEFAULT_URL_STATE);
    s.lessonStep = 3;
    expect(serializeState(s)).toBe('');
    applyLessonLink(parseHash('lesson=gru&lstep=4').state);
    expect(useLesson.getState()).toMatchObject({ ref: 'gru', step: 3, lesson: null });
    applyLessonLink(parseHash('cell=lstm').state);
    expect(useLesson.getState().ref).toBeNull();
  });
});

describe('progress in this browser', () => {
  const feedback = (correct: boolean | null) => ({
    correct,
    answer: 'forget',
    yours: 'input',
    why: 'Because.',
    panel: 'heatmaps',
  });

  it('keeps answers per lesson, drops bad entries, and forgets on reset', () => {
    const d = threeStepDraft();
    const key = progressKey('~abc', d);
    expect(key).toMatch(/^lesson-[0-9a-f]{8}$/);
    expect(progressKey('elman', d)).toBe('elman');
    saveProgress(key, {
      results: { 1: { feedback: feedback(true), revealed: true } },
      finished: false,
    });
    saveProgress('elman', {
      results: { 0: { feedback: feedback(false), revealed: true } },
      finished: true,
    });
    expect(loadProgress(key, 3)?.results[1]?.feedback.correct).toBe(true);
    // An entry for a step the lesson no longer has, or of the wrong shape, is dropped.
    expect(loadProgress('elman', 0)?.results).toEqual({});
    storage.setItem('gatescope.lessons/1', '{"elman":{"results":{"0":{"feedback":7}}}}');
    expect(loadProgress('elman', 5)).toEqual({ results: {}, finished: false });
    storage.setItem('gatescope.lessons/1', '[1,2');
    expect(loadProgress('elman', 5)).toBeNull();
    saveProgress('a', { results: {}, finished: true });
    resetProgress('a');
    expect(loadProgress('a', 5)).toBeNull();
    saveProgress('b', { results: {}, finished: true });
    resetProgress();
    expect(loadProgress('b', 5)).toBeNull();
  });

  it('scores first answers, counts only revealed ones, and skips unscored', () => {
    const { right, scored } = scoreOf({
      0: { feedback: feedback(true), revealed: true },
      1: { feedback: feedback(false), revealed: true },
      2: { feedback: feedback(null), revealed: true },
      3: { feedback: feedback(true), revealed: false },
    });
    expect({ right, scored }).toEqual({ right: 1, scored: 2 });
  });
});

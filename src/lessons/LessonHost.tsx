/**
 * The lessons' root, loaded only once a lesson, the list or the editor is opened: reads the
 * lesson the store's ref names (a bad one is reported as a link notice and closed, the page as
 * it was), puts the page into each step's view, keeps progress in this browser, and shows the
 * card, the list and the editor.
 */
import { useEffect } from 'react';
import { useLesson } from '../store/lesson';
import { useLinkNotice } from '../store/url/notice';
import { LessonCard } from './LessonCard';
import { LessonEditor } from './LessonEditor';
import { LessonList } from './LessonList';
import { readLessonRef } from './link';
import { applyLessonStep } from './live';
import { loadProgress, progressKey, saveProgress } from './progress';
import './lessons.css';

function useReadRef(): void {
  const ref = useLesson((s) => s.ref);
  const lesson = useLesson((s) => s.lesson);
  useEffect(() => {
    if (ref === null || lesson !== null || ref.startsWith('file:')) return;
    let live = true;
    void readLessonRef(ref).then((read) => {
      if (!live || useLesson.getState().ref !== ref) return;
      if (read.ok) {
        const saved = loadProgress(progressKey(ref, read.lesson), read.lesson.steps.length);
        useLesson.getState().loaded(ref, read.lesson, saved?.results);
        return;
      }
      useLinkNotice.getState().add({
        key: 'lesson',
        raw: ref.length > 40 ? `${ref.slice(0, 40)}…` : ref,
        reason: read.error,
        kind: 'ignored',
      });
      useLesson.getState().close();
    });
    return () => {
      live = false;
    };
  }, [ref, lesson]);
}

function useApplySteps(): void {
  const lesson = useLesson((s) => s.lesson);
  const step = useLesson((s) => s.step);
  useEffect(() => {
    const s = lesson?.steps[step];
    if (s) applyLessonStep(s);
  }, [lesson, step]);
}

function useSaveProgress(): void {
  const { ref, lesson, results, finished } = useLesson();
  useEffect(() => {
    if (ref && lesson) saveProgress(progressKey(ref, lesson), { results, finished });
  }, [ref, lesson, results, finished]);
}

/** Tells the stylesheet a card or the editor is docked, so the page makes room for it. */
function useDockFlag(docked: boolean): void {
  useEffect(() => {
    const d = document.documentElement.dataset;
    if (docked) d.lessonDock = '';
    else delete d.lessonDock;
    return () => {
      delete d.lessonDock;
    };
  }, [docked]);
}

export function LessonHost() {
  useReadRef();
  useApplySteps();
  useSaveProgress();
  const window = useLesson((s) => s.window);
  const docked = useLesson((s) => s.ref !== null) || window === 'editor';
  useDockFlag(docked);
  return (
    <>
      <LessonCard />
      {window === 'list' && <LessonList />}
      {window === 'editor' && <LessonEditor />}
    </>
  );
}

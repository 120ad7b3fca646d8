/**
 * The lessons Gatescope ships, in the order the lesson list shows them. Their ids are what a
 * link's `lesson=` names and what progress is kept under, so an id never changes once shipped.
 */
import type { Lesson } from '../../config/lesson';
import { ELMAN } from './elman';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { RACE } from './race';
import { USES } from './uses';
import { VANISHING } from './vanishing';

export interface BuiltinLesson {
  id: string;
  lesson: Lesson;
}

export const BUILTIN_LESSONS: readonly BuiltinLesson[] = [
  { id: 'elman', lesson: ELMAN },
  { id: 'vanishing', lesson: VANISHING },
  { id: 'lstm', lesson: LSTM },
  { id: 'gru', lesson: GRU },
  { id: 'race', lesson: RACE },
  { id: 'uses', lesson: USES },
];

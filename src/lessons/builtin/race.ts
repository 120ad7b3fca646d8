/** Built-in lesson: Elman, LSTM and GRU side by side on the adding problem while they train. */
import { LESSON_FORMAT, type Lesson } from '../../config/lesson';

const TASK = { task: 'adding', 'p.length': 30, H: 16 } as const;
const COMPARE = { ...TASK, view: 'compare' } as const;

export const RACE: Lesson = {
  format: LESSON_FORMAT,
  title: 'Elman, LSTM and GRU: a race on the adding problem',
  level: 'intermediate',
  summary: 'Train all three cells on the same task at once and read the comparison table.',
  steps: [
    {
      title: 'Three cells, one task',
      text:
        'The compare view builds an Elman RNN, an LSTM and a GRU of the same width and trains ' +
        'them on the same batches. The task: remember the two marked numbers in 30 steps and ' +
        'report their sum at the end.',
      view: COMPARE,
      focus: 'compare',
    },
    {
      title: 'The price of gates',
      text:
        'Gates are not free. Each gate is one more block of weights the size of the Elman cell: ' +
        'the LSTM has four blocks (forget, input, output, candidate), the GRU three, Elman one.',
      view: { ...TASK, cell: 'lstm' },
      focus: 'equations',
      ask: {
        kind: 'number',
        prompt: 'With H = 16 and 2 inputs, how many weights does the LSTM cell have?',
        answer: { probe: 'paramCount' },
        tolerance: { abs: 0, rel: 0 },
      },
    },
    {
      title: 'Place your bet',
      text:
        'Every cell starts from fresh seeded weights. The loss chart draws the three runs and ' +
        'the dashed memoryless baseline: guessing the average sum every time.',
      view: COMPARE,
      focus: 'compare',
      ask: {
        kind: 'experiment',
        prompt: 'Predict: after 300 updates, which cell has the lowest loss?',
        answer: { probe: 'bestCell' },
        train: 300,
      },
    },
    {
      title: 'Who learned the task?',
      text:
        'A loss below the baseline means the network uses what it saw earlier in the sequence: ' +
        'it has found the marked numbers. Close to the baseline means it still guesses.',
      view: COMPARE,
      focus: 'compare',
      ask: {
        kind: 'number',
        prompt: 'How many of the three cells are below the baseline now?',
        answer: { probe: 'cellsBelowBaseline' },
        tolerance: { abs: 0 },
      },
    },
    {
      title: 'Longer sequences',
      text:
        'Make the task harder: 60 steps between the first marker and the answer. An Elman ' +
        'gradient has to cross twice as many multiplications to reach the markers.',
      view: { ...COMPARE, 'p.length': 60 },
      focus: 'compare',
      ask: {
        kind: 'experiment',
        prompt: 'Predict: after 300 updates on 60 steps, which cell is ahead?',
        answer: { probe: 'bestCell' },
        train: 300,
      },
    },
    {
      title: 'The comparison table',
      text:
        'Below the charts the table sums up each cell: how far back its memory path reaches, how ' +
        'many weights it needs and how much work one step costs. Gates buy memory with weights ' +
        'and time; whether that trade pays depends on how long the task’s dependencies are.',
      view: { ...COMPARE, 'p.length': 60 },
      focus: 'compare',
    },
  ],
};

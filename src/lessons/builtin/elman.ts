/** Built-in lesson: the Elman cell, recurrence, and what its hidden state carries. */
import { LESSON_FORMAT, type Lesson } from '../../config/lesson';

/** The adding problem, short enough to read step by step on a projector. */
const BASE = { cell: 'elman', task: 'adding', 'p.length': 20, H: 8 } as const;

export const ELMAN: Lesson = {
  format: LESSON_FORMAT,
  title: 'The Elman RNN: one loop through time',
  level: 'beginner',
  summary: 'How a plain recurrent cell builds hₜ from xₜ and hₜ₋₁, and what that state holds.',
  steps: [
    {
      title: 'A state that feeds itself',
      text:
        'At every step the Elman cell mixes two things: the new input xₜ and its own previous ' +
        'state hₜ₋₁. It adds W·xₜ (the input weights), U·hₜ₋₁ (the recurrent weights, W_hh in ' +
        'PyTorch) and a bias b, then squashes the sum with tanh. At step 1 there is no past ' +
        'yet (h₀ = 0), so only the input counts.',
      view: { ...BASE, t: 1 },
      focus: 'diagram',
    },
    {
      title: 'Same weights, every step',
      text:
        'The equations panel shows the actual numbers at the cursor. Step forward with the arrow ' +
        'keys: the inputs and the state change, but W and U stay the same. Reusing one set ' +
        'of weights at every step is what makes the network recurrent.',
      view: { ...BASE, t: 6 },
      focus: 'equations',
    },
    {
      title: 'Where does unit 1 peak?',
      text:
        'The heatmap rows are the hidden units, the columns the steps; colour is the value of h. ' +
        'tanh keeps every entry between −1 and 1.',
      view: { ...BASE, t: 1, unit: 1 },
      focus: 'heatmaps',
      reveal: ['traces'],
      ask: {
        kind: 'point',
        prompt:
          'Find the step where unit 1 of h is largest (its deepest orange cell in the heatmap), move ' +
          'the cursor there and answer.',
        answer: { probe: 'extremeStep', of: 'h', which: 'largest' },
      },
    },
    {
      title: 'Reading one unit over time',
      text:
        'The state traces draw the selected unit of h as a curve over the whole sequence. The ' +
        'heatmaps are hidden until you answer.',
      view: { ...BASE, unit: 1 },
      focus: 'traces',
      reveal: ['heatmaps'],
      ask: {
        kind: 'range',
        prompt:
          'From the curve of unit 1, give a range no wider than 0.3 that holds its average h over ' +
          'all 20 steps.',
        answer: { probe: 'gateMean', of: 'h', units: 'selected' },
        maxWidth: 0.3,
      },
    },
    {
      title: 'Counting the weights',
      text:
        'The cell has an H×I input matrix W, an H×H recurrent matrix U and two bias vectors ' +
        'of length H. Here H = 8 hidden units and I = 2 inputs (a value and a marker bit).',
      view: BASE,
      focus: 'equations',
      reveal: ['equations'],
      ask: {
        kind: 'number',
        prompt: 'How many weights does this Elman cell have (both matrices and both biases)?',
        answer: { probe: 'paramCount' },
        tolerance: { abs: 0, rel: 0 },
      },
    },
    {
      title: 'What h carries',
      text:
        'h is the only memory an Elman cell has, and every step overwrites it with a new mix of ' +
        'input and old state. Whatever an early input left in h must survive many such rewrites. ' +
        'The gradient flow chart shows how much of the loss still reaches each step.',
      view: { ...BASE, t: 20 },
      focus: 'gradients',
    },
    {
      title: 'Can it learn a short task?',
      text:
        'On the adding problem the network must remember two marked numbers and output their sum ' +
        'at the end. Guessing the average sum, 1, scores MSE 1/6: the dashed baseline in the ' +
        'Training chart. Here the sequence is only 10 steps long.',
      view: { ...BASE, 'p.length': 10 },
      focus: 'training',
      ask: {
        kind: 'experiment',
        prompt:
          'Predict: after 200 updates from fresh weights, will the Elman network train below the ' +
          'baseline?',
        answer: { probe: 'beatsBaseline' },
        train: 200,
      },
    },
  ],
};

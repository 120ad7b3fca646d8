/** Built-in lesson: the LSTM's three gates and the cell state as a protected memory path. */
import { LESSON_FORMAT, type Lesson } from '../../config/lesson';

const BASE = { cell: 'lstm', task: 'adding', 'p.length': 50, H: 16 } as const;

export const LSTM: Lesson = {
  format: LESSON_FORMAT,
  title: 'The LSTM: gates around a memory',
  level: 'intermediate',
  summary: 'Forget, input and output gates, and why the cell state lets a gradient travel far.',
  steps: [
    {
      title: 'Two states instead of one',
      text:
        'Besides h, the LSTM keeps a cell state c. At each step c is first scaled by the forget ' +
        'gate f, then the input gate i lets in a share of a new candidate g: cₜ = f·cₜ₋₁ + ' +
        'i·g. The output gate o decides how much of tanh(cₜ) shows up in hₜ.',
      view: { ...BASE, t: 10 },
      focus: 'diagram',
    },
    {
      title: 'Which gate is open widest?',
      text:
        'Each gate is a sigmoid, so it lies between 0 (closed) and 1 (open). Gatescope starts the ' +
        'forget gate with a bias (fb) of 1, a common trick. The heatmaps stay hidden until you ' +
        'answer.',
      view: { ...BASE, t: 1 },
      focus: 'equations',
      reveal: ['heatmaps', 'traces'],
      ask: {
        kind: 'choice',
        prompt: 'Averaged over all units and steps, which gate has the largest activation?',
        answer: { probe: 'gateExtreme', which: 'largest' },
      },
    },
    {
      title: 'The odd one out',
      text:
        'The candidate g is not a gate: it uses tanh, so it can be negative. It carries what ' +
        'would be written into memory, and the input gate decides how much of it is.',
      view: { ...BASE, t: 1 },
      focus: 'heatmaps',
      reveal: ['heatmaps'],
      ask: {
        kind: 'choice',
        prompt: 'Which of the four rows has the smallest mean over the whole sequence?',
        answer: { probe: 'gateExtreme', which: 'smallest' },
      },
    },
    {
      title: 'A larger forget bias',
      text:
        'Raising the forget bias to 3 pushes f towards 1 before any training: the cell is told to ' +
        'keep what it has unless the input says otherwise.',
      view: { ...BASE, fb: 3, t: 25 },
      focus: 'traces',
      reveal: ['traces', 'heatmaps', 'equations'],
      ask: {
        kind: 'number',
        prompt: 'Estimate the mean forget gate over all units and steps with fb = 3.',
        answer: { probe: 'gateMean', of: 'forget' },
        tolerance: { abs: 0.04 },
      },
    },
    {
      title: 'The memory path',
      text:
        'Going back one step along c multiplies the gradient by f alone, with no squashing in ' +
        'between. With f near 1 that product stays large for many steps: the dashed memory path ' +
        'in the Gradient flow chart.',
      view: { ...BASE, fb: 0, t: 50 },
      focus: 'gradients',
      reveal: ['gradients'],
      ask: {
        kind: 'range',
        prompt:
          'With the forget bias at 0, for how many steps back from the loss does the memory path ' +
          'stay high? Give a range at most 10 steps wide.',
        answer: { probe: 'memoryLength' },
        maxWidth: 10,
      },
    },
    {
      title: 'Cut the memory',
      text:
        'Now a what-if: the forget gate is clamped to 0 from step 1 to step 40, wiping c at each ' +
        'of those steps. Whatever was stored before a wipe cannot reach the loss through c.',
      view: { ...BASE, fb: 3, clamp: 'forget', clampv: 0, clampfrom: 1, clampto: 40, t: 50 },
      focus: 'gradients',
      reveal: ['gradients', 'lens'],
      ask: {
        kind: 'point',
        prompt:
          'Reading back from the loss, find the first step where ‖∂L/∂h‖ drops below a hundredth ' +
          'of its value at the loss.',
        answer: { probe: 'gradDropStep', below: 0.01, relative: true },
        tolerance: 2,
      },
    },
    {
      title: 'Train it',
      text:
        'Gates learn: training moves them so that the units holding a marked number keep f near ' +
        '1 until the end. The dashed line in the Training chart is the memoryless baseline.',
      view: { ...BASE, 'p.length': 30, fb: 1 },
      focus: 'training',
      ask: {
        kind: 'experiment',
        prompt: 'Predict: after 300 updates, is the LSTM below the baseline?',
        answer: { probe: 'beatsBaseline' },
        train: 300,
      },
    },
  ],
};

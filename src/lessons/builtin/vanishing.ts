/** Built-in lesson: why an Elman gradient fades with distance, and how the W_hh scale sets the rate. */
import { LESSON_FORMAT, type Lesson } from '../../config/lesson';

/** A sequence long enough for the fading to span many orders of magnitude. */
const BASE = { cell: 'elman', task: 'adding', 'p.length': 50, H: 16 } as const;

export const VANISHING: Lesson = {
  format: LESSON_FORMAT,
  title: 'Vanishing gradients and the scale of W_hh',
  level: 'intermediate',
  summary:
    'Follow ‖∂L/∂h‖ back from the loss and watch the recurrent weights decide how far it gets.',
  steps: [
    {
      title: 'The error travels backwards',
      text:
        'The adding problem scores the network only at the last step. To learn, that error has to ' +
        'be sent back to the steps where the two marked numbers arrived. The Gradient flow chart ' +
        'draws ‖∂L/∂hₜ‖, the size of that signal at each step, on a log scale.',
      view: { ...BASE, t: 50 },
      focus: 'gradients',
    },
    {
      title: 'One multiplication per step',
      text:
        'Going back one step multiplies the signal by the step Jacobian: the recurrent weights and the slope of ' +
        'tanh there. Fifty steps back it has been multiplied fifty times. When those factors are ' +
        'mostly below 1 the product shrinks geometrically. Here W_hh is scaled down to 0.5.',
      view: { ...BASE, scale: 0.5, t: 50 },
      focus: 'gradients',
      reveal: ['gradients', 'lens'],
      ask: {
        kind: 'number',
        prompt:
          'Guess first: how many orders of magnitude (powers of ten) does ‖∂L/∂h‖ lose between ' +
          'the loss step and step 1?',
        answer: { probe: 'gradOrders', at: 1 },
        tolerance: { abs: 2 },
      },
    },
    {
      title: 'Where the signal gives out',
      text:
        'With W_hh scaled to 0.8 the fading is slower, but it is still steady: each step back keeps only ' +
        'a fraction of what the step after it had.',
      view: { ...BASE, scale: 0.8, t: 50 },
      focus: 'gradients',
      ask: {
        kind: 'point',
        prompt:
          'Reading back from the loss, find the first step where ‖∂L/∂h‖ is below a thousandth ' +
          'of its value at the loss. Move the cursor there and answer.',
        answer: { probe: 'gradDropStep', below: 0.001, relative: true },
        tolerance: 2,
      },
    },
    {
      title: 'How far back can it learn?',
      text:
        'A step whose gradient is a thousand times weaker than at the loss barely moves the ' +
        'weights. The number of steps the gradient keeps above that level is roughly how far back ' +
        'this network can learn a dependency.',
      view: { ...BASE, scale: 0.8, t: 50 },
      focus: 'gradients',
      reveal: ['gradients'],
      ask: {
        kind: 'range',
        prompt:
          'Give a range, at most 8 steps wide, for how many steps back from the loss ‖∂L/∂h‖ ' +
          'stays above a thousandth of its value there.',
        answer: { probe: 'gradReach', fraction: 0.001 },
        maxWidth: 8,
      },
    },
    {
      title: 'Turn the scale up',
      text:
        'At scale 1.5 the factors are often larger than 1. Now the signal can grow as it goes ' +
        'back instead of fading: the exploding side of the same product. Both are hard to train.',
      view: { ...BASE, scale: 1.5, t: 50 },
      focus: 'gradients',
      reveal: ['gradients'],
      ask: {
        kind: 'point',
        prompt: 'At which step is ‖∂L/∂h‖ largest now? Point at it.',
        answer: { probe: 'extremeStep', of: 'gradient', which: 'largest' },
        tolerance: 1,
      },
    },
    {
      title: 'The singular values tell the story',
      text:
        'The Jacobian lens shows the largest stretch of the step-to-step Jacobians. Below 1 on ' +
        'average, gradients vanish; above 1, they can explode. Drag the scale slider and watch ' +
        'the Gradient flow tilt one way or the other.',
      view: { ...BASE, scale: 1, t: 50 },
      focus: 'lens',
    },
    {
      title: 'Does a faded gradient still learn?',
      text:
        'Back to scale 0.5, where almost nothing reaches the marked numbers. The baseline in the ' +
        'Training chart is what a network scores by always guessing the average sum.',
      view: { ...BASE, scale: 0.5, 'p.length': 30 },
      focus: 'training',
      ask: {
        kind: 'experiment',
        prompt: 'Predict: after 300 updates, does this network beat the baseline?',
        answer: { probe: 'beatsBaseline' },
        train: 300,
      },
    },
  ],
};

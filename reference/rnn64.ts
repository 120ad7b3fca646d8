/**
 * Public entry point of the float64 reference RNN oracle (Elman / LSTM / GRU).
 * Independent of src/engine/ except for its type file, so it can judge the TF.js engine.
 */
export {
  referenceForward,
  referenceLoss,
  type ForwardProbe,
  type ForwardResult,
} from './forward64';
export { referenceBackward, type BackwardResult } from './backward64';
export { memoryPath } from './memoryPath64';
export { gateCount, gateNames, type NumArray, type SequenceLike, type WeightsLike } from './math64';
export { mulberry32, randomSequence, randomSpec, randomWeights, type Rng } from './random';

/**
 * GRU schematic: h runs along the top, h_{t−1} ──×z──(+)── h_t, so the update gate's two
 * roles are visible — z keeps the old state, 1 − z lets the candidate in. Below the candidate
 * a two-step chain shows where the reset gate acts, which is what the variants differ in:
 *   reset-after:  h_{t−1} → [U_n · + b_hn] → ×r → candidate
 *   reset-before: h_{t−1} → ×r → [U_n · + b_hn] → candidate
 */
import type { GruVariant } from '../../engine/types';
import { type CellLayout, FRAME_X0, FRAME_X1, GHOST_W, OP_R, VIEW_W, p } from './geometry';

const W = VIEW_W;
const H = 484;
const HY = 80; // the h line
const BUS = 400; // h_{t−1} and x_t, into the gates
const BW = 90;
const UX = 108; // update block left edge
const RX0 = 222; // reset block left edge
const GT = 284; // gate blocks' top
const GB = 368;
const NX = 380; // candidate block left edge
const NT = 170;
const NB = 254;
const ZX = UX + BW / 2; // z column
const RCX = RX0 + BW / 2; // reset column
const MX = 425; // mixing column: ×(1−z) and +
const MY = 130;
const CH = 402; // reset chain column
const XN = 460; // x_t into the candidate
const XD = 90; // h_{t−1} drops to the bus
const XJ = 112; // x_t joins the bus
const UPPER = 292; // chain: upper element
const LOWER = 346; // chain: lower element

export function gruLayout(variant: GruVariant): CellLayout {
  const R = OP_R;
  const after = variant === 'reset-after';
  // reset-after: the matrix product first, then ×r; reset-before the other way round.
  const mulY = after ? UPPER : LOWER;
  const boxY = after ? LOWER : UPPER;
  const chain = after
    ? [
        { id: 'chainIn', flow: 'hPrev', points: [p(CH, BUS), p(CH, LOWER + 15)], arrow: true },
        { id: 'chainMid', flow: 'rIn', points: [p(CH, LOWER - 15), p(CH, UPPER + R)], arrow: true },
        { id: 'chainOut', flow: 'rOut', points: [p(CH, UPPER - R), p(CH, NB)], arrow: true },
      ]
    : [
        { id: 'chainIn', flow: 'hPrev', points: [p(CH, BUS), p(CH, LOWER + R)], arrow: true },
        {
          id: 'chainMid',
          flow: 'rOut',
          points: [p(CH, LOWER - R), p(CH, UPPER + 15)],
          arrow: true,
        },
        { id: 'chainOut', flow: 'hn', points: [p(CH, UPPER - 15), p(CH, NB)], arrow: true },
      ];
  return {
    width: W,
    height: H,
    frame: { x: FRAME_X0, y: 8, w: FRAME_X1 - FRAME_X0, h: H - 16 },
    ports: { h: HY },
    blocks: [
      { gate: 'update', x: UX, y: GT, w: BW, h: GB - GT },
      { gate: 'reset', x: RX0, y: GT, w: BW, h: GB - GT },
      { gate: 'candidate', x: NX, y: NT, w: BW, h: NB - NT },
    ],
    ops: [
      { id: 'mulZ', kind: 'mul', x: ZX, y: HY },
      { id: 'add', kind: 'add', x: MX, y: HY },
      { id: 'oneMinus', kind: 'box', x: 250, y: MY, text: '1 − z', w: 52, h: 28 },
      { id: 'mulN', kind: 'mul', x: MX, y: MY },
      { id: 'mulR', kind: 'mul', x: CH, y: mulY },
      { id: 'whn', kind: 'box', x: CH, y: boxY, text: 'U_n · + b_{hn}', w: 92, h: 30 },
    ],
    wires: [
      { id: 'hPrev', flow: 'hPrev', points: [p(GHOST_W, HY), p(ZX - R, HY)], arrow: true },
      { id: 'hKept', flow: 'hKept', points: [p(ZX + R, HY), p(MX - R, HY)], arrow: true },
      { id: 'h', flow: 'h', points: [p(MX + R, HY), p(W - GHOST_W, HY)], arrow: true },
      { id: 'update', flow: 'update', points: [p(ZX, GT), p(ZX, HY + R)], arrow: true },
      { id: 'zBranch', flow: 'update', points: [p(ZX, MY), p(224, MY)], arrow: true },
      { id: 'oneMinusZ', flow: 'oneMinusZ', points: [p(276, MY), p(MX - R, MY)], arrow: true },
      { id: 'candidate', flow: 'candidate', points: [p(MX, NT), p(MX, MY + R)], arrow: true },
      { id: 'nTaken', flow: 'nTaken', points: [p(MX, MY - R), p(MX, HY + R)], arrow: true },
      { id: 'reset', flow: 'reset', points: [p(RX0 + BW, mulY), p(CH - R, mulY)], arrow: true },
      ...chain,
      { id: 'hDrop', flow: 'hPrev', points: [p(XD, HY), p(XD, BUS)], arrow: false },
      { id: 'x', flow: 'x', points: [p(XJ, H - 8), p(XJ, BUS)], arrow: false },
      { id: 'bus', flow: null, points: [p(XD, BUS), p(XN, BUS)], arrow: false },
      { id: 'stubZ', flow: null, points: [p(ZX, BUS), p(ZX, GB)], arrow: true },
      { id: 'stubR', flow: null, points: [p(RCX, BUS), p(RCX, GB)], arrow: true },
      { id: 'stubX', flow: null, points: [p(XN, BUS), p(XN, NB)], arrow: true },
    ],
    labels: [
      { id: 'hPrev', x: GHOST_W + 4, y: HY - 14, text: 'h_{t−1}', anchor: 'start', tone: 'name' },
      {
        id: 'hKept',
        x: 290,
        y: HY - 14,
        text: 'z·h_{t−1}',
        anchor: 'middle',
        flow: 'hKept',
        tone: 'name',
      },
      { id: 'keepOld', x: ZX + 10, y: 222, text: 'keep old (z)', anchor: 'start', tone: 'note' },
      {
        id: 'takeNew',
        x: 343,
        y: MY + 30,
        text: 'take new (1 − z)',
        anchor: 'middle',
        tone: 'note',
      },
      {
        id: 'nTaken',
        x: MX - 12,
        y: 110,
        text: '(1−z)·n',
        anchor: 'end',
        flow: 'nTaken',
        tone: 'name',
      },
      { id: 'h', x: 500, y: HY - 14, text: 'h_t', anchor: 'middle', flow: 'h', tone: 'name' },
      { id: 'bus', x: 210, y: BUS + 28, text: '[h_{t−1}, x_t]', anchor: 'middle', tone: 'note' },
      { id: 'x', x: XJ + 12, y: H - 20, text: 'x_t', anchor: 'start', flow: 'x', tone: 'name' },
    ],
    dots: [p(XD, HY), p(ZX, MY), p(XJ, BUS), p(ZX, BUS), p(RCX, BUS), p(CH, BUS)],
  };
}

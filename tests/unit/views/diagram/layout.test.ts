/** Every schematic fits its viewBox, draws straight runs, and wires only flows the data has. */
import { beforeAll, describe, expect, it } from 'vitest';
import { diagramRenderData } from '../../../../src/views/diagram/diagramData';
import { arrowHead, trimEnd } from '../../../../src/views/diagram/geometry';
import { cellLayout } from '../../../../src/views/diagram/layout';
import { CASES, traceFor, useCpu } from './traces';

beforeAll(useCpu);

describe.each(CASES)('cellLayout: $name', ({ spec }) => {
  it('fits the viewBox, uses orthogonal wires and only known flows and gates', async () => {
    const { trace, model } = await traceFor(spec);
    const data = diagramRenderData(trace, 1, { unit: 0, gate: null }, model.weights);
    const layout = cellLayout(data.cell, data.variant);
    const flows = new Set(data.flows.map((f) => f.id));
    const inside = (x: number, y: number) =>
      x >= 0 && x <= layout.width && y >= 0 && y <= layout.height;
    for (const w of layout.wires) {
      expect(w.points.length, w.id).toBeGreaterThanOrEqual(2);
      if (w.flow !== null) expect(flows.has(w.flow), `${w.id} → ${w.flow}`).toBe(true);
      for (const q of w.points) expect(inside(q.x, q.y), w.id).toBe(true);
      for (let k = 1; k < w.points.length; k++) {
        const a = w.points[k - 1]!;
        const b = w.points[k]!;
        expect(a.x === b.x || a.y === b.y, `${w.id} segment ${k} is not orthogonal`).toBe(true);
      }
    }
    for (const l of layout.labels) if (l.flow) expect(flows.has(l.flow), l.id).toBe(true);
    const gates = layout.blocks.map((b) => b.gate).filter((g) => g !== 'act');
    expect(gates.sort()).toEqual(data.gates.map((g) => g.name).sort());
    for (const b of layout.blocks) {
      expect(inside(b.x, b.y) && inside(b.x + b.w, b.y + b.h), b.gate).toBe(true);
    }
  });
});

describe('arrow geometry', () => {
  it('points along the last segment and trims the line under it', () => {
    const pts = [
      { x: 0, y: 0 },
      { x: 0, y: 50 },
      { x: 40, y: 50 },
    ];
    const [tip, a, b] = arrowHead(pts, 10, 5);
    expect(tip).toEqual({ x: 40, y: 50 });
    expect(a!.x).toBeCloseTo(30);
    expect(b!.x).toBeCloseTo(30);
    expect(Math.abs(a!.y - b!.y)).toBeCloseTo(10);
    expect(trimEnd(pts, 10).at(-1)).toEqual({ x: 30, y: 50 });
    expect(pts.at(-1)).toEqual({ x: 40, y: 50 });
  });
});

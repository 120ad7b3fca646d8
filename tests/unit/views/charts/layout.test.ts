/** The shared time axis and number formats. */
import { describe, expect, it } from 'vitest';
import {
  CHART_MARGIN,
  magnitudeLabel,
  pow10Label,
  timeAxis,
  timeTicks,
} from '../../../../src/views/charts/layout';

describe('timeAxis', () => {
  it('centres step t in its column and maps pixels back to steps', () => {
    const a = timeAxis(10, CHART_MARGIN.left + 200 + CHART_MARGIN.right);
    expect(a.step).toBe(20);
    expect(a.x(0)).toBe(CHART_MARGIN.left + 10);
    for (let t = 0; t < 10; t++) expect(a.tAt(a.x(t))).toBe(t);
    expect(a.tAt(CHART_MARGIN.left - 1)).toBeNull();
    expect(a.tAt(CHART_MARGIN.left + 200)).toBe(9);
  });
  it('ticks round 1-based steps and starts at step 1', () => {
    const ticks = timeTicks(60, 600);
    expect(ticks[0]).toBe(0);
    expect(ticks).toContain(59); // step 60
    expect(ticks.every((k) => k >= 0 && k < 60)).toBe(true);
  });
});

describe('labels', () => {
  it('writes powers of ten with superscripts', () => {
    expect(pow10Label(-4)).toBe('10⁻⁴');
    expect(pow10Label(0)).toBe('10⁰');
    expect(pow10Label(12)).toBe('10¹²');
  });
  it('writes magnitudes plainly or as m×10ⁿ', () => {
    expect(magnitudeLabel(0.5)).toBe('0.500');
    expect(magnitudeLabel(3.14e-5)).toBe('3.1×10⁻⁵');
    expect(magnitudeLabel(9.999e-5)).toBe('1.0×10⁻⁴');
    expect(magnitudeLabel(0)).toBe('0');
  });
});

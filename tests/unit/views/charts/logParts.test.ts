/**
 * The log-axis parts both gradient charts draw with (views/charts/logParts.tsx), rendered to
 * static SVG markup in Node: one rule and one 10ᵏ label per tick at the scale's height, 10⁰
 * stronger, and the axis title where the chart asks for it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LogGrid, OverflowMark } from '../../../../src/views/charts/logParts';

const svg = (el: ReturnType<typeof createElement>) =>
  renderToStaticMarkup(createElement('svg', null, el));

describe('LogGrid', () => {
  const markup = svg(
    createElement(LogGrid, {
      ticks: [-6, -3, 0],
      y: (k: number) => 100 - 10 * k,
      left: 40,
      right: 300,
      top: 28,
      bottom: 200,
      title: 'norm, log',
      titleAt: { x: 32, y: 11, anchor: 'end' },
    }),
  );

  it('draws one rule and one power-of-ten label per tick, at the scale’s height', () => {
    const rows = [...markup.matchAll(/translate\(0,([\d.-]+)\)/g)].map((m) => Number(m[1]));
    expect(rows).toEqual([160, 130, 100]);
    expect(markup.match(/class="grid-line[^"]*"/g)).toEqual([
      'class="grid-line"',
      'class="grid-line"',
      'class="grid-line zero"',
    ]);
    // Spoken as Unicode powers, drawn with a raised exponent (minus sign, not hyphen).
    expect(markup).toContain('aria-label="10⁻⁶"');
    expect(markup).toContain('<tspan class="pow10-exp" dy="-0.55em">−3</tspan>');
  });

  it('draws the y axis from top to bottom and its title where asked', () => {
    expect(markup).toContain('<line class="axis-line" x1="40" x2="40" y1="28" y2="200">');
    expect(markup).toMatch(
      /<text class="chart-axis-title" x="32" y="11" text-anchor="end">norm, log/,
    );
  });
});

describe('OverflowMark', () => {
  it('is a triangle at the top of the plot, at the step’s x', () => {
    expect(svg(createElement(OverflowMark, { x: 57, top: 28 }))).toContain(
      'class="overflow-mark" transform="translate(57,28)"',
    );
  });
});

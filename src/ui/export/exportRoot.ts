/**
 * Which element of a panel a picture is taken of: the panel's view (what follows its title and
 * caption), or, where the view sits among controls (training), the chart inside it.
 */
export function exportRoot(panel: Element): Element | null {
  const content = panel.lastElementChild;
  if (!content || content.matches('.panel-head, .panel-caption, .panel-help, .panel-placeholder'))
    return null;
  if (content.matches('figure, svg, [data-export-root]')) return content;
  const marked = content.querySelector('[data-export-root], figure');
  if (marked) return marked;
  if (!content.querySelector('input, select, textarea')) return content;
  // Among controls: the largest drawing.
  let best: Element | null = null;
  let area = 0;
  for (const svg of content.querySelectorAll('svg')) {
    const r = svg.getBoundingClientRect();
    if (r.width * r.height > area) [best, area] = [svg, r.width * r.height];
  }
  return best ?? content;
}

/** Public surface of the cell diagram and equation panel. */
export { CellDiagram, type CellDiagramProps } from './CellDiagram';
export { EquationPanel, type EquationPanelProps } from './EquationPanel';
export { diagramRenderData, type DiagramRenderData } from './diagramData';
export { equationRenderData, type EquationLine, type EquationRenderData } from './equationData';

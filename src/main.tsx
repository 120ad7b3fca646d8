import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { prefetchPrecomputed } from './app/precomputed';
import { onCaughtError } from './ui/ErrorBoundary';
import './app/app.css';
import './ui/controls.css';
import './ui/panels.css';

// The first frame's data: downloading while React starts (index.html preloads it too).
prefetchPrecomputed();

const root = document.getElementById('root');
if (!root) throw new Error('Gatescope: #root element missing from index.html');

// Errors our boundaries catch are reported by the boundary itself (as a warning naming the
// panel); React's default would log them again as console.error.
createRoot(root, { onCaughtError }).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

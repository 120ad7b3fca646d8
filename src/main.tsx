import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import './ui/controls.css';
import './ui/panels.css';

const root = document.getElementById('root');
if (!root) throw new Error('Gatescope: #root element missing from index.html');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

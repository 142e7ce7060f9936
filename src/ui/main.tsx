import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './index.css';
import { openSrcParam } from './editor/srcParam';
import { startLab } from './labStore';

openSrcParam(window.location.search);
startLab();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './index.css';
import { openSrcParam } from './editor/srcParam';
import { startLab } from './labStore';
import { watchLinkProblems } from './shell/urlNotice';

openSrcParam(window.location.search);
startLab();
watchLinkProblems();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

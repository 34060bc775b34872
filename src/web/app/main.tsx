import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n';
// dayjs with Beijing as its zone (./time) is loaded with the workbench, before any picker renders: see WorkbenchApp.tsx.
import './global.css';
import { AppRouter } from './router';

// A reader who chose English or Tibetan before sees the first page in it, not a flash of Chinese.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <AppRouter />
    </StrictMode>,
  ),
);

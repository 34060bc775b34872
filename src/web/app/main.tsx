import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
// Before any picker renders: dayjs with Beijing as its zone, so the pickers' "today" is Beijing's.
import './time';
import './global.css';
import { AppRouter } from './router';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppRouter />
  </StrictMode>,
);

import '@mantine/core/styles.css';
import './theme/theme-variables.css';
import './theme/app.css';
// Before anything that builds a zod schema (zod-jitless.ts says why).
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

const container = document.getElementById('root');
if (container === null) throw new Error('renderer/index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

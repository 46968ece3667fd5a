// First: the requests the first week waits for go out before the rest of the app is even evaluated (startup.ts).
import { earlyAnswers } from './startup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles.css';

/** How long the first render waits for main's first answers at most (main is usually done sooner: a slow start shows the app's frame meanwhile). */
const FIRST_RENDER_WAIT_MS = 150;

const root = createRoot(document.getElementById('root')!);
// The first render waits a little for the week asked for at start: it then draws the week, not an empty frame first.
void earlyAnswers(FIRST_RENDER_WAIT_MS).then(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

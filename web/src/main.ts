// The web lab's entry: the tabs, the URL, and the views. Each view keeps its own state in
// its own file (web/src/views/): the lesson (the notebook's three runs), the lab (any setup,
// live) and the depth view (signal through a deep network, against the theory).
import './style.css';
import { boundaries, costChart } from './charts.js';
import { type DataSummary, GRID } from './job.js';
import { clipMessage } from './echo.js';
import { type FieldErrors, type LabState, readState, urlNotices, writeState } from './url-state.js';
import { type AppState, Lab } from './views/lab.js';
import { DepthView } from './views/depth.js';
import { Lesson } from './views/lesson.js';
import { $ } from './views/page.js';

const VIEWS = ['lesson', 'lab', 'depth'] as const;
const initial = readState(location.search);

const app: AppState = {
  state: initial.state,
  syncUrl(): void {
    const q = writeState(app.state);
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
    ($('share-link') as HTMLAnchorElement).href = location.href;
  },
};

const depth = new DepthView();
let depthDrawn = false;

/**
 * Shows `view`. A change the user makes (`push`) is a step in the browser's history, so Back
 * returns to the view before instead of leaving the lab; the settings stay as the form has them.
 */
function showView(view: LabState['view'], push = false): void {
  if (push && view !== app.state.view) history.pushState(null, '', location.href);
  app.state.view = view;
  // the depth view measures on first sight (its worker is idle until then)
  if (view === 'depth' && !depthDrawn) {
    depthDrawn = true;
    void depth.update();
  }
  for (const v of VIEWS) {
    $(v).hidden = v !== view;
    $(`tab-${v}`).setAttribute('aria-selected', String(v === view));
    $(`tab-${v}`).tabIndex = v === view ? 0 : -1;
  }
  document.body.dataset.view = view;
  app.syncUrl();
}
for (const v of VIEWS) $(`tab-${v}`).addEventListener('click', () => showView(v, true));
// Back and Forward: the view the history entry names (a hand-edited one is read like any link)
addEventListener('popstate', () => showView(readState(location.search).state.view));
document.querySelector('nav')!.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
  const i = VIEWS.indexOf(app.state.view);
  const next = VIEWS[(i + (e.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length];
  showView(next, true);
  $(`tab-${next}`).focus();
});

/**
 * A link's refused parameters and unknown or repeated keys, said above every view (the
 * Lesson may be the one shown), each with what was given (url-state.ts urlNotices).
 */
function showUrlNotices(read: { errors: FieldErrors; notices: string[] }, search: string): void {
  const lines = urlNotices(search, read);
  const box = $('notices');
  box.hidden = lines.length === 0;
  box.textContent = lines.length
    ? `This link's settings were not all accepted:\n${lines.map(clipMessage).join('\n')}`
    : '';
}
new Lesson();
const lab = new Lab(app);
lab.showForm(app.state);
lab.showErrors(initial.errors);
showUrlNotices(initial, location.search);
showView(app.state.view);

// draw throwaway charts while the page is idle, so the first live frame does not pay for
// compiling the plotting code (a cold first draw takes several frames' time)
requestIdleCallback(() => {
  const scratch = Object.assign(document.createElement('div'), {
    style: 'position:absolute;left:-10000px;top:0;visibility:hidden',
  });
  scratch.setAttribute('aria-hidden', 'true');
  document.body.append(scratch);
  const grid = Float64Array.from({ length: GRID * GRID }, (_, i) => (i % GRID) / GRID);
  const pts = Array.from({ length: 300 }, (_, i) => [Math.cos(i), Math.sin(i)]);
  const fake: DataSummary = {
    extent: [-1.5, 1.5],
    X: [pts.map((p) => p[0]), pts.map((p) => p[1])],
    Y: pts.map((_, i) => i % 2),
    testX: [[0], [0]],
    testY: [0],
    testSpec: null,
  };
  for (let i = 0; i < 3; i++) {
    costChart(
      {
        warm: [
          { iteration: 0, train: 1, test: 1 },
          { iteration: 1, train: 0.5, test: 0.6 },
        ],
      },
      scratch,
    );
    boundaries(
      [
        {
          init: `warm${i}`,
          iteration: 0,
          done: false,
          curve: [],
          trainAccuracy: 0,
          testAccuracy: 0,
          grid,
          extent: [-1.5, 1.5],
          diagnostics: null,
          histograms: [],
          network: null,
        },
      ],
      fake,
      scratch,
      i < 2,
    );
  }
  scratch.remove();
});

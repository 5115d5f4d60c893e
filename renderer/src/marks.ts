// Performance marks the screens leave for the renderer benchmark.
export const lookupReadyMark = 'ccpos:lookup-ready';
/** The manager opened the dashboard (after sign-in, or by its key). */
export const dashboardOpenMark = 'ccpos:dashboard-open';
/** The dashboard's numbers are in the page (set once per load of its figures). */
export const dashboardPaintedMark = 'ccpos:dashboard-painted';

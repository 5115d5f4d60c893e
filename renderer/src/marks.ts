// Performance marks the screens leave for the renderer benchmark.
export const lookupReadyMark = 'ccpos:lookup-ready';

import type { ChildCollection } from '../childList';

/** Who has seen a dialog, and when. */
export const seenLog: ChildCollection = { path: 'seenlog', simplify: false };

import type { ChildCollection } from '../childList';

/** A dialog's activity history. */
export const activities: ChildCollection = { path: 'activities', simplify: true };

import { listChildrenOperation } from '../childList';
import { activities } from './collection';

/** Every entry of a dialog's activity history. */
export const { properties, execute } = listChildrenOperation(activities);

import { listChildrenOperation } from '../childList';
import { seenLog } from './collection';

/** Every entry of a dialog's seen log. */
export const { properties, execute } = listChildrenOperation(seenLog);

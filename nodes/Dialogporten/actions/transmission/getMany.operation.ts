import { listChildrenOperation } from '../childList';
import { transmissions } from './collection';

/** Every transmission of a dialog. */
export const { properties, execute } = listChildrenOperation(transmissions);

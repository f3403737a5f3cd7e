import { getChildOperation } from '../childList';
import { transmissionIdField, transmissions } from './collection';

/** One transmission of a dialog. */
export const { properties, execute } = getChildOperation(transmissions, transmissionIdField);

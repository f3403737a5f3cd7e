import { childIdField, getChildOperation } from '../childList';
import { seenLog } from './collection';

/** One entry of a dialog's seen log. */
export const { properties, execute } = getChildOperation(
	seenLog,
	childIdField('seenLogId', 'Seen Log Entry ID'),
	'Seen log entry ID',
);

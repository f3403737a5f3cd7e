import { childIdField, getChildOperation } from '../childList';
import { activities } from './collection';

/** One entry of a dialog's activity history. */
export const { properties, execute } = getChildOperation(
	activities,
	childIdField('activityId', 'Activity ID'),
);

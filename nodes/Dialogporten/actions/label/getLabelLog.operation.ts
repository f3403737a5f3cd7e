import { listChildrenOperation } from '../childList';

/** The history of a dialog's system label changes (end user API). */
export const { properties, execute } = listChildrenOperation({
	path: 'context/labellog',
	simplify: false,
	api: 'enduser',
});

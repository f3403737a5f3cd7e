import { listChildrenOperation } from '../childList';

/** The labels only the service owner sees (service owner API). */
export const { properties, execute } = listChildrenOperation({
	path: 'context/labels',
	simplify: false,
	api: 'serviceowner',
});

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { InputValidator } from '../../helpers/validation';

import type { EndUserBulkSetBody } from '../../helpers/interfaces';
import { apiBase, getApi, toItems, validator } from '../../helpers/utils';
import { revisionHints } from '../../helpers/errorMessages';
import { apiRequest } from '../../transport';
import { labelChangeFields, labelChanges, onBehalfOf, serviceOwnerOnBehalfFields } from './common';
import type { OperationResult } from '../node.type';

export const properties: INodeProperties[] = [
	{
		displayName: 'Dialogs',
		name: 'dialogs',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 01913cd5-784f-7d3b-abef-4c77b1f0972d, 0193b2c4-5d6e-7f80-9a1b-2c3d4e5f6a7b',
		description:
			'Dialog IDs (comma-separated, or an expression returning a list). A list of objects { dialogId, endUserContextRevision } also checks each revision: if one does not match, nothing is changed (412).',
	},
	...labelChangeFields,
	...serviceOwnerOnBehalfFields,
];

export async function execute(this: IExecuteFunctions, itemIndex: number): OperationResult {
	const api = getApi.call(this, itemIndex);
	const check: InputValidator = validator.call(this, itemIndex);
	const raw = this.getNodeParameter('dialogs', itemIndex, '') as unknown;
	const entries = Array.isArray(raw) ? raw : check.list(raw);
	const dialogs = entries.map((entry, index) => {
		if (entry && typeof entry === 'object') {
			const { dialogId, endUserContextRevision } = entry as IDataObject;
			return {
				dialogId: check.uuid(dialogId, `Dialog ${index + 1} ID`),
				...(endUserContextRevision
					? {
							endUserContextRevision: check.uuid(
								endUserContextRevision,
								`Dialog ${index + 1} revision`,
							),
						}
					: {}),
			};
		}
		return { dialogId: check.uuid(entry, `Dialog ${index + 1} ID`) };
	});
	if (dialogs.length === 0) check.fail('Give at least one dialog ID');
	const changes = labelChanges.call(this, itemIndex);
	const { qs, performedBy } = onBehalfOf.call(this, itemIndex, api);
	const body: EndUserBulkSetBody & IDataObject = {
		dialogs,
		...changes,
		...(performedBy ? { performedBy } : {}),
	};
	await apiRequest.call(this, {
		api,
		method: 'POST',
		path: `${apiBase(api)}/dialogs/${api === 'serviceowner' ? 'endusercontext' : 'context'}/systemlabels/actions/bulkset`,
		qs: qs as Record<string, string>,
		body,
		itemIndex,
		errorHints: revisionHints(),
	});
	return toItems(
		{ dialogIds: dialogs.map((dialog) => dialog.dialogId), ...changes, updated: dialogs.length },
		itemIndex,
	);
}
